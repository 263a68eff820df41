// File: server/exposure.h
// Who can reach what `ordertrack serve` serves, decided before it starts: on
// a loopback address it may run open (only this machine reaches it), and
// says so; elsewhere it refuses unless both APIs are protected (REST keys
// exist and --credentials is given) or the operator says --insecure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ordertrack::server {

// True for 127.0.0.0/8, ::1, ::ffff:127.x.y.z and "localhost". 0.0.0.0 and
// :: (every interface) are not loopback.
bool IsLoopbackAddress(std::string_view address);

// For a server open on a loopback address: true unless the request names
// another site. A browser on this machine can be made to send requests to
// 127.0.0.1 by any web page (cross-site requests, DNS rebinding); those
// carry a Host or an Origin that is not a loopback name, while the tools
// (boto3, the CLI, curl) send a loopback Host and no Origin.
bool ComesFromThisMachine(std::string_view host_header, std::string_view origin_header);

struct Exposure {
  bool allowed = false;
  // One line for the operator: what is protected, what is open to whom; a
  // warning under --insecure; why it refuses.
  std::string line;
  // Under --insecure with something open: the warning /healthz repeats.
  std::optional<std::string> health_warning;
  // Open on a loopback address: requests must pass ComesFromThisMachine.
  bool guard_loopback = false;
};

// What the server is started with.
struct Setup {
  std::string_view address;
  bool rest_keys_exist = false;
  bool dynamodb_credentials = false;
  bool tls = false;
  bool insecure = false;
};

// Protected off loopback without TLS is allowed, with a warning in `line`:
// bearer tokens then cross the network in clear.
Exposure DecideExposure(const Setup& setup);

}  // namespace ordertrack::server
