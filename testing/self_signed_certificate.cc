#include "testing/self_signed_certificate.h"

#include <cstdlib>

namespace ordertrack::testing {

SelfSignedCertificate::SelfSignedCertificate() {
  // Both names, so that a client checking either host name accepts it.
  std::string command =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1"
      " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost"
      " -keyout '" + key_file() + "' -out '" + cert_file() + "' 2>/dev/null";
  made_ = !dir_.path().empty() && std::system(command.c_str()) == 0;
}

}  // namespace ordertrack::testing
