#include "server/exposure.h"

#include <arpa/inet.h>

#include <cstring>

namespace ordertrack::server {

bool IsLoopbackAddress(std::string_view address) {
  if (address == "localhost") return true;
  std::string text(address);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6;
  if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) return false;
  if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
  return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
}

namespace {

// "host", "host:port", "[v6]" or "[v6]:port" -> the host.
std::string_view HostOf(std::string_view authority) {
  if (authority.starts_with('[')) return authority.substr(0, authority.find(']') + 1);
  size_t colon = authority.find(':');
  if (colon != std::string_view::npos && authority.find(':', colon + 1) == std::string_view::npos) {
    return authority.substr(0, colon);
  }
  return authority;
}

}  // namespace

bool ComesFromThisMachine(std::string_view host_header, std::string_view origin_header) {
  if (!host_header.empty() && !IsLoopbackAddress(HostOf(host_header))) return false;
  if (origin_header.empty()) return true;
  for (std::string_view scheme : {"http://", "https://"}) {
    if (origin_header.starts_with(scheme)) {
      return IsLoopbackAddress(HostOf(origin_header.substr(scheme.size())));
    }
  }
  return false;  // "null" and anything else a page can send
}

Exposure DecideExposure(const Setup& setup) {
  const std::string address(setup.address);
  std::string open;
  if (!setup.rest_keys_exist) open = "the REST API (no API keys yet: `ordertrack keys create`)";
  if (!setup.dynamodb_credentials) {
    if (!open.empty()) open += " and ";
    open += "the DynamoDB API (no --credentials)";
  }
  const bool loopback = IsLoopbackAddress(setup.address);
  if (open.empty()) {
    std::string line =
        "access: the REST API needs API keys; the DynamoDB API needs SigV4 signatures";
    if (!loopback && !setup.tls) {
      line += "; WARNING: without --tls-cert, API keys cross the network in clear";
    }
    return {true, line, std::nullopt, false};
  }
  if (loopback) {
    return {true, "access: open to anyone on this machine: " + open, std::nullopt, true};
  }
  if (setup.insecure) {
    std::string warning = "--insecure: open to anyone who reaches " + address + ": " + open;
    return {true, "WARNING: " + warning, warning, false};
  }
  return {false,
          "refusing to serve on " + address + ", which is not a loopback address, with " + open +
              " open to anyone who reaches it; protect both, or pass --insecure",
          std::nullopt, false};
}

}  // namespace ordertrack::server
