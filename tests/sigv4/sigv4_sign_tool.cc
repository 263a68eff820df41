// sigv4_sign_tool: signs one request described on stdin with sigv4::SignRequest
// and prints the Authorization header value on stdout. Used by
// test_sigv4_botocore.py to compare our signatures with botocore's.
//
// Input: one field per line, "<key> <value>", the value being the rest of the
// line, byte for byte:
//   method POST
//   path /                      (as sent, URI-encoded)
//   query a=1&b=2               (raw, without '?'; line may be omitted)
//   region us-east-1
//   service dynamodb
//   date 20150830T123600Z
//   access_key AKID...
//   secret_key ...
//   session_token ...           (optional)
//   header Name:value           (repeatable, in order; value is everything after the first ':')
//   body_hex 7b7d               (optional; the body as hex, so it may hold any byte)
// Exit status: 0 on success, 2 on malformed input (with a message on stderr).
#include <iostream>
#include <string>

#include "base/strings.h"
#include "sigv4/sigv4.h"

namespace {

int Fail(const std::string& message) {
  std::cerr << "sigv4_sign_tool: " << message << "\n";
  return 2;
}

}  // namespace

int main() {
  using ordertrack::sigv4::Credentials;
  std::string method, path, query, region, service, date, body;
  Credentials credentials;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    size_t space = line.find(' ');
    std::string key = line.substr(0, space);
    std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (key == "method") {
      method = value;
    } else if (key == "path") {
      path = value;
    } else if (key == "query") {
      query = value;
    } else if (key == "region") {
      region = value;
    } else if (key == "service") {
      service = value;
    } else if (key == "date") {
      date = value;
    } else if (key == "access_key") {
      credentials.access_key_id = value;
    } else if (key == "secret_key") {
      credentials.secret_access_key = value;
    } else if (key == "session_token") {
      credentials.session_token = value;
    } else if (key == "header") {
      size_t colon = value.find(':');
      if (colon == std::string::npos) return Fail("header line without ':': " + line);
      headers.emplace_back(value.substr(0, colon), value.substr(colon + 1));
    } else if (key == "body_hex") {
      if (value.size() % 2 != 0) return Fail("odd-length body_hex");
      for (size_t i = 0; i < value.size(); i += 2) {
        int hi = ordertrack::base::HexDigitValue(value[i]);
        int lo = ordertrack::base::HexDigitValue(value[i + 1]);
        if (hi < 0 || lo < 0) return Fail("bad hex in body_hex");
        body.push_back(static_cast<char>(hi * 16 + lo));
      }
    } else {
      return Fail("unknown key: " + key);
    }
  }
  if (method.empty() || region.empty() || service.empty() || date.size() != 16) {
    return Fail("method, region, service and a 16-character date are required");
  }
  ordertrack::sigv4::SignRequest(credentials, region, service, date, &headers, method, path,
                                 query, body);
  for (const auto& [name, value] : headers) {
    if (name == "Authorization") std::cout << value << "\n";
  }
  return 0;
}
