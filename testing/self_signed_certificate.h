// File: testing/self_signed_certificate.h
// SelfSignedCertificate: a certificate and its key for 127.0.0.1 and
// localhost, made by the `openssl` command when a test starts (no key is
// committed), for tests of TLS servers and clients.
#pragma once

#include <string>

#include "testing/temp_dir.h"

namespace ordertrack::testing {

class SelfSignedCertificate {
 public:
  // Writes cert.pem and key.pem (P-256, valid for a day) into a fresh
  // directory removed on destruction; made() tells whether openssl succeeded.
  SelfSignedCertificate();

  bool made() const { return made_; }
  // The certificate, which is also the CA file a client trusts it with.
  std::string cert_file() const { return dir_.Sub("cert.pem"); }
  std::string key_file() const { return dir_.Sub("key.pem"); }

 private:
  TempDir dir_;
  bool made_ = false;
};

}  // namespace ordertrack::testing
