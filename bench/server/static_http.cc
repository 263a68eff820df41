// static_http_bench: the ceiling for the server benchmark (bench/server/run.sh).
// The project's own HTTP layer (http::Server) answering every request with a
// fixed small body and doing nothing else, so a load generator measures what
// the HTTP layer, the kernel's loopback and the load generator itself cost
// on this machine. `ordertrack serve` can at best reach this.
//
//   static_http_bench [--listen HOST:PORT] [--threads N]
//
// Prints "static_http serving on http://HOST:PORT" once bound; SIGTERM or
// SIGINT stops it.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "http/server.h"

namespace {

int Usage() {
  std::cerr << "usage: static_http_bench [--listen HOST:PORT] [--threads N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  namespace http = ordertrack::http;
  http::ServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string value = argv[++i];
    if (arg == "--listen") {
      size_t colon = value.rfind(':');
      if (colon == std::string::npos || colon == 0) return Usage();
      options.address = value.substr(0, colon);
      options.port = static_cast<uint16_t>(std::atoi(value.c_str() + colon + 1));
    } else if (arg == "--threads") {
      options.threads = std::atoi(value.c_str());
    } else {
      return Usage();
    }
  }

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = http::Server::Start(options, [](const http::Request&) {
    http::Response response;
    response.headers.emplace_back("Content-Type", "text/plain");
    response.body = "ok\n";
    return response;
  });
  if (!server.ok()) {
    std::cerr << "static_http_bench: " << server.status().message() << "\n";
    return 1;
  }
  std::cout << "static_http serving on http://" << options.address << ":" << (*server)->port()
            << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  (*server)->Stop();
  (*server)->Wait();
  return 0;
}
