// Tests for sigv4: AWS's published examples (the IAM user guide's ListUsers
// example and the SigV4 test suite, region us-east-1, service "service"), the
// signer -> verifier round trip, and every refusal with DynamoDB's exact type
// and message. Agreement with botocore on random requests is checked by
// tests/sigv4/test_sigv4_botocore.py.
#include "sigv4/sigv4.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>

#include "base/strings.h"
#include "sigv4/internal/canonical.h"
#include "sigv4/internal/crypto.h"

namespace ordertrack::sigv4 {
namespace {

using base::ErrorCode;

constexpr std::string_view kKeyId = "AKIDEXAMPLE";
constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view kDate = "20150830T123600Z";
constexpr int64_t kNow = 1440938160;  // 2015-08-30T12:36:00Z

void ExpectStatus(const base::Status& status, ErrorCode code, const std::string& message) {
  EXPECT_EQ(status.code(), code) << status.ToString();
  EXPECT_EQ(status.message(), message);
}

std::string FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "<absent>";
}

// --- Hashing -------------------------------------------------------------

TEST(CryptoTest, Sha256OfEmptyString) { EXPECT_EQ(HexSha256(""), kEmptySha256); }

TEST(CryptoTest, HmacSha256Rfc4231Case2) {
  EXPECT_EQ(HexHmacSha256("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

// --- Canonicalisation --------------------------------------------------

TEST(CanonicalTest, Uri) {
  EXPECT_EQ(CanonicalUri(""), "/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri("/a/./b/../c//d/"), "/a/c/d/");
  EXPECT_EQ(CanonicalUri("/.."), "/");
  // A path as sent is encoded once already; the canonical URI encodes it again.
  EXPECT_EQ(CanonicalUri("/a%20b"), "/a%2520b");
  EXPECT_EQ(CanonicalUri("/-._~AZaz09"), "/-._~AZaz09");
}

TEST(CanonicalTest, UriEncode) {
  EXPECT_EQ(UriEncode("a b/c*~", false), "a%20b%2Fc%2A~");
  EXPECT_EQ(UriEncode("a b/c", true), "a%20b/c");
  EXPECT_EQ(UriEncode("\xE1\x88\xB4", false), "%E1%88%B4");
}

TEST(CanonicalTest, QueryString) {
  EXPECT_EQ(CanonicalQueryString(""), "");
  EXPECT_EQ(CanonicalQueryString("b=2&a=1&a=0"), "a=0&a=1&b=2");
  EXPECT_EQ(CanonicalQueryString("flag&x="), "flag=&x=");
  EXPECT_EQ(CanonicalQueryString("a=%7e&b=%2f"), "a=~&b=%2F");  // Re-encoded upper case.
  EXPECT_EQ(CanonicalQueryString("a=x y+z"), "a=x%20y%2Bz");
  EXPECT_EQ(CanonicalQueryString("a=100%"), "a=100%25");
  // Sorted by encoded name: "%2B" (from '+') before "A".
  EXPECT_EQ(CanonicalQueryString("A=1&%2B=2"), "%2B=2&A=1");
}

TEST(CanonicalTest, HeaderValueTrimall) {
  EXPECT_EQ(CanonicalHeaderValue("  a   b \t c  "), "a b c");
  EXPECT_EQ(CanonicalHeaderValue("\"a   b   c\""), "\"a b c\"");
  EXPECT_EQ(CanonicalHeaderValue(""), "");
}

TEST(CanonicalTest, HeadersSortedLowerCasedAndDuplicatesJoined) {
  Headers headers = {{"Host", "h"}, {"User-Agent", "ua"}, {"My-Header", " b "},
                     {"X-Amz-Date", kDate.data()}, {"my-header", "a"}};
  std::vector<std::string> names = SignableHeaderNames(headers);
  EXPECT_EQ(SignedHeadersString(names), "host;my-header;x-amz-date");
  EXPECT_EQ(CanonicalHeaders(headers, names),
            "host:h\nmy-header:b,a\nx-amz-date:20150830T123600Z\n");
}

// --- The IAM user guide's example: GET ListUsers --------------------------

TEST(IamExampleTest, EachStep) {
  Headers headers = {{"Host", "iam.amazonaws.com"},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                     {"X-Amz-Date", std::string(kDate)}};
  std::vector<std::string> names = SignableHeaderNames(headers);
  std::string canonical = CanonicalRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
                                           headers, names, HexSha256(""));
  EXPECT_EQ(canonical,
            "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
            "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
            "host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "content-type;host;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexSha256(canonical),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  std::string scope = CredentialScope("20150830", "us-east-1", "iam");
  EXPECT_EQ(scope, "20150830/us-east-1/iam/aws4_request");
  std::string sts = StringToSign(kDate, scope, canonical);
  EXPECT_EQ(sts,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  std::string key = SigningKey(kSecret, "20150830", "us-east-1", "iam");
  EXPECT_EQ(base::HexEncode(key),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  EXPECT_EQ(Signature(key, sts),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(IamExampleTest, SignRequestAndVerifyRequest) {
  Headers headers = {{"Host", "iam.amazonaws.com"},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  SignRequest({std::string(kKeyId), std::string(kSecret), ""}, "us-east-1", "iam", kDate,
              &headers, "GET", "/", "Action=ListUsers&Version=2010-05-08", "");
  EXPECT_EQ(FindHeader(headers, "X-Amz-Date"), kDate);
  EXPECT_EQ(FindHeader(headers, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  HttpRequestView view{"GET", "/", "Action=ListUsers&Version=2010-05-08", headers, ""};
  auto lookup = [](std::string_view id) -> std::optional<std::string> {
    if (id == kKeyId) return std::string(kSecret);
    return std::nullopt;
  };
  EXPECT_TRUE(VerifyRequest(view, lookup, kNow, "iam").ok());
}

// --- The SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30) ------------

struct SuiteCase {
  const char* name;
  const char* method;
  const char* path;
  const char* query;
  Headers extra_headers;
  const char* body;
  const char* session_token;
  const char* signed_headers;
  const char* signature;
};

class SuiteTest : public ::testing::TestWithParam<SuiteCase> {};

const char kStsToken[] =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIe"
    "oIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq"
    "5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC"
    "9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

TEST_P(SuiteTest, SignsAsPublished) {
  const SuiteCase& c = GetParam();
  Headers headers = {{"Host", "example.amazonaws.com"}};
  headers.insert(headers.end(), c.extra_headers.begin(), c.extra_headers.end());
  Credentials credentials{std::string(kKeyId), std::string(kSecret), c.session_token};
  SignRequest(credentials, "us-east-1", "service", kDate, &headers, c.method, c.path, c.query,
              c.body);
  EXPECT_EQ(FindHeader(headers, "Authorization"),
            std::string("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                        "aws4_request, SignedHeaders=") +
                c.signed_headers + ", Signature=" + c.signature);

  // What the signer produced, the verifier accepts.
  HttpRequestView view{c.method, c.path, c.query, headers, c.body};
  auto lookup = [](std::string_view) -> std::optional<std::string> { return std::string(kSecret); };
  EXPECT_TRUE(VerifyRequest(view, lookup, kNow, "service").ok());
}

const char kHD[] = "host;x-amz-date";
const char kHMD[] = "host;my-header1;x-amz-date";

INSTANTIATE_TEST_SUITE_P(
    Aws, SuiteTest,
    ::testing::Values(
        SuiteCase{"get_vanilla", "GET", "/", "", {}, "", "", kHD,
                  "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
        SuiteCase{"post_vanilla", "POST", "/", "", {}, "", "", kHD,
                  "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
        SuiteCase{"get_vanilla_query_order_key_case", "GET", "/", "Param2=value2&Param1=value1",
                  {}, "", "", kHD,
                  "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
        SuiteCase{"get_vanilla_empty_query_key", "GET", "/", "Param1=value1", {}, "", "", kHD,
                  "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb"},
        SuiteCase{"get_vanilla_query_unreserved", "GET", "/",
                  "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz="
                  "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                  {}, "", "", kHD,
                  "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"},
        SuiteCase{"get_vanilla_utf8_query", "GET", "/", "\xE1\x88\xB4=bar", {}, "", "", kHD,
                  "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"},
        SuiteCase{"post_vanilla_query_nonunreserved", "POST", "/",
                  "@#$%^&+=/,?><`\";:\\|][{}", {}, "", "", kHD,
                  "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e"},
        SuiteCase{"get_unreserved", "GET",
                  "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "", {},
                  "", "", kHD, "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"},
        SuiteCase{"get_utf8", "GET", "/\xE1\x88\xB4", "", {}, "", "", kHD,
                  "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"},
        SuiteCase{"get_header_key_duplicate", "GET", "/", "",
                  {{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}},
                  "", "", kHMD,
                  "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"},
        SuiteCase{"get_header_value_order", "GET", "/", "",
                  {{"My-Header1", "value4"},
                   {"My-Header1", "value1"},
                   {"My-Header1", "value3"},
                   {"My-Header1", "value2"}},
                  "", "", kHMD,
                  "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"},
        SuiteCase{"get_header_value_trim", "GET", "/", "",
                  {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}, "", "",
                  "host;my-header1;my-header2;x-amz-date",
                  "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"},
        SuiteCase{"post_header_key_sort", "POST", "/", "", {{"My-Header1", "value1"}}, "", "",
                  kHMD, "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"},
        SuiteCase{"post_header_value_case", "POST", "/", "", {{"My-Header1", "VALUE1"}}, "",
                  "", kHMD, "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"},
        SuiteCase{"post_x_www_form_urlencoded", "POST", "/", "",
                  {{"Content-Type", "application/x-www-form-urlencoded"}}, "Param1=value1", "",
                  "content-type;host;x-amz-date",
                  "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"},
        SuiteCase{"post_x_www_form_urlencoded_parameters", "POST", "/", "",
                  {{"Content-Type", "application/x-www-form-urlencoded; charset=utf8"}},
                  "Param1=value1", "", "content-type;host;x-amz-date",
                  "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe"},
        SuiteCase{"post_sts_header_before", "POST", "/", "", {}, "", kStsToken,
                  "host;x-amz-date;x-amz-security-token",
                  "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"}),
    [](const ::testing::TestParamInfo<SuiteCase>& info) { return info.param.name; });

// --- Signer details ------------------------------------------------------

TEST(SignRequestTest, ReplacesAnEarlierSignatureOnRetry) {
  Headers headers = {{"Host", "h"}};
  Credentials credentials{"AKID", "secret", "token1"};
  SignRequest(credentials, "us-east-1", "dynamodb", kDate, &headers, "POST", "/", "", "{}");
  Headers first = headers;
  credentials.session_token = "token2";
  SignRequest(credentials, "us-east-1", "dynamodb", "20150830T123700Z", &headers, "POST", "/", "",
              "{}");
  ASSERT_EQ(headers.size(), 4u);  // Host, X-Amz-Date, X-Amz-Security-Token, Authorization.
  EXPECT_EQ(FindHeader(headers, "X-Amz-Date"), "20150830T123700Z");
  EXPECT_EQ(FindHeader(headers, "X-Amz-Security-Token"), "token2");
  EXPECT_NE(FindHeader(headers, "Authorization"), FindHeader(first, "Authorization"));
}

TEST(SignRequestTest, LeavesUserAgentUnsigned) {
  Headers headers = {{"Host", "h"}, {"User-Agent", "Boto3/1.26"}, {"Expect", "100-continue"}};
  SignRequest({"AKID", "secret", ""}, "us-east-1", "dynamodb", kDate, &headers, "POST", "/", "",
              "");
  EXPECT_NE(FindHeader(headers, "Authorization").find("SignedHeaders=host;x-amz-date,"),
            std::string::npos);
}

TEST(SignRequestTest, HonoursXAmzContentSha256) {
  Headers with = {{"Host", "h"}, {"X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD"}};
  Headers again = with;
  SignRequest({"AKID", "secret", ""}, "us-east-1", "s3", kDate, &with, "PUT", "/", "", "body1");
  SignRequest({"AKID", "secret", ""}, "us-east-1", "s3", kDate, &again, "PUT", "/", "", "body2");
  EXPECT_EQ(FindHeader(with, "Authorization"), FindHeader(again, "Authorization"));
}

// --- Verifier: round trip and refusals -----------------------------------

class VerifyTest : public ::testing::Test {
 protected:
  VerifyTest() {
    headers_ = {{"Host", "localhost:8010"},
                {"Content-Type", "application/x-amz-json-1.0"},
                {"X-Amz-Target", "DynamoDB_20120810.ListTables"}};
    SignRequest(credentials_, "us-east-1", "dynamodb", kDate, &headers_, "POST", "/", "", body_);
  }

  base::Status Verify(int64_t now = kNow) const {
    HttpRequestView view{"POST", "/", "", headers_, body_};
    return VerifyRequest(view, lookup_, now);
  }

  void SetHeader(std::string_view name, std::string value) {
    for (auto& [n, v] : headers_) {
      if (n == name) {
        v = std::move(value);
        return;
      }
    }
    headers_.emplace_back(std::string(name), std::move(value));
  }

  void RemoveHeader(std::string_view name) {
    std::erase_if(headers_, [&](const auto& h) { return h.first == name; });
  }

  Credentials credentials_{"AKIDLOCAL", "local-secret", ""};
  std::string body_ = R"({"Limit":10})";
  Headers headers_;
  std::map<std::string, std::string, std::less<>> keys_ = {{"AKIDLOCAL", "local-secret"}};
  SecretLookup lookup_ = [this](std::string_view id) -> std::optional<std::string> {
    auto it = keys_.find(id);
    if (it == keys_.end()) return std::nullopt;
    return it->second;
  };
};

TEST_F(VerifyTest, AcceptsWhatTheSignerSigned) { EXPECT_TRUE(Verify().ok()); }

TEST_F(VerifyTest, AcceptsLowerCaseHeaderNames) {
  for (auto& [name, value] : headers_) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  EXPECT_TRUE(Verify().ok());
}

TEST_F(VerifyTest, AcceptsASessionToken) {
  headers_ = {{"Host", "localhost:8010"}};
  credentials_.session_token = "FwoGZXIvYXdzEXAMPLETOKEN";
  SignRequest(credentials_, "eu-west-1", "dynamodb", kDate, &headers_, "POST", "/", "", body_);
  EXPECT_EQ(FindHeader(headers_, "X-Amz-Security-Token"), "FwoGZXIvYXdzEXAMPLETOKEN");
  EXPECT_NE(FindHeader(headers_, "Authorization").find("x-amz-security-token"), std::string::npos);
  EXPECT_TRUE(Verify().ok());
}

TEST_F(VerifyTest, RefusesATamperedSessionToken) {
  headers_ = {{"Host", "localhost:8010"}};
  credentials_.session_token = "token";
  SignRequest(credentials_, "us-east-1", "dynamodb", kDate, &headers_, "POST", "/", "", body_);
  SetHeader("X-Amz-Security-Token", "other-token");
  EXPECT_EQ(Verify().code(), ErrorCode::kInvalidSignature);
}

TEST_F(VerifyTest, AcceptsAnUnsignedAddedHeaderAndCommaOnlySeparators) {
  headers_.emplace_back("User-Agent", "added by a proxy");
  std::string auth = FindHeader(headers_, "Authorization");
  // "Credential=..., SignedHeaders=..." -> "Credential=...,SignedHeaders=..."
  for (size_t pos; (pos = auth.find(", ")) != std::string::npos;) auth.erase(pos + 1, 1);
  SetHeader("Authorization", auth);
  EXPECT_TRUE(Verify().ok());
}

TEST_F(VerifyTest, AcceptsTheSkewLimitExactly) {
  EXPECT_TRUE(Verify(kNow + kMaxSkewSeconds).ok());
  EXPECT_TRUE(Verify(kNow - kMaxSkewSeconds).ok());
}

TEST_F(VerifyTest, AcceptsAnRfc1123DateHeader) {
  // botocore writes a Date header instead of X-Amz-Date when the request has one.
  Headers headers = {{"Host", "localhost:8010"}, {"Date", "Sun, 30 Aug 2015 12:36:00 GMT"}};
  std::vector<std::string> names = SignableHeaderNames(headers);
  std::string scope = CredentialScope("20150830", "us-east-1", "dynamodb");
  std::string signature =
      Signature(SigningKey("local-secret", "20150830", "us-east-1", "dynamodb"),
                StringToSign(kDate, scope,
                             CanonicalRequest("POST", "/", "", headers, names, HexSha256(body_))));
  headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/" + scope +
                                            ", SignedHeaders=date;host, Signature=" + signature);
  headers_ = headers;
  EXPECT_TRUE(Verify().ok());
}

TEST_F(VerifyTest, MissingAuthorization) {
  RemoveHeader("Authorization");
  ExpectStatus(Verify(), ErrorCode::kMissingAuthenticationToken,
               "Request is missing Authentication Token");
  SetHeader("Authorization", "AWS4");
  ExpectStatus(Verify(), ErrorCode::kMissingAuthenticationToken,
               "Request is missing Authentication Token");
  SetHeader("Authorization", "Bearer abc");
  ExpectStatus(Verify(), ErrorCode::kMissingAuthenticationToken,
               "Request is missing Authentication Token");
}

TEST_F(VerifyTest, IncompleteEverythingMissing) {
  RemoveHeader("X-Amz-Date");
  SetHeader("Authorization", "AWS4-");
  ExpectStatus(Verify(), ErrorCode::kIncompleteSignature,
               "Authorization header requires 'Credential' parameter. "
               "Authorization header requires 'Signature' parameter. "
               "Authorization header requires 'SignedHeaders' parameter. "
               "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
               "header. Authorization=AWS4-");
}

TEST_F(VerifyTest, IncompleteSignedHeadersMissing) {
  RemoveHeader("X-Amz-Date");
  headers_.emplace_back("Date", "a");
  SetHeader("Authorization", "AWS4- Signature=b, Credential=a");
  ExpectStatus(Verify(), ErrorCode::kIncompleteSignature,
               "Authorization header requires 'SignedHeaders' parameter. "
               "Authorization=AWS4- Signature=b, Credential=a");
}

TEST_F(VerifyTest, IncompleteMissingEqualSign) {
  SetHeader("Authorization", "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders");
  ExpectStatus(Verify(), ErrorCode::kIncompleteSignature,
               "'Credential' not a valid key=value pair (missing equal-sign) in Authorization "
               "header: 'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'.");
}

TEST_F(VerifyTest, IncompleteBadDate) {
  SetHeader("X-Amz-Date", "201");
  ExpectStatus(Verify(), ErrorCode::kIncompleteSignature,
               "Date must be in ISO-8601 'basic format'. Got '201'. See "
               "http://en.wikipedia.org/wiki/ISO_8601");
}

TEST_F(VerifyTest, SignatureExpired) {
  ExpectStatus(Verify(kNow + 30 * 60), ErrorCode::kInvalidSignature,
               "Signature expired: 20150830T123600Z is now earlier than 20150830T125100Z "
               "(20150830T130600Z - 15 min.)");
}

TEST_F(VerifyTest, SignatureNotYetCurrent) {
  ExpectStatus(Verify(kNow - 16 * 60), ErrorCode::kInvalidSignature,
               "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z "
               "(20150830T122000Z + 15 min.)");
}

TEST_F(VerifyTest, HostMustBeSigned) {
  std::string auth = FindHeader(headers_, "Authorization");
  auth.replace(auth.find("host;"), 5, "");
  SetHeader("Authorization", auth);
  ExpectStatus(Verify(), ErrorCode::kInvalidSignature,
               "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
}

TEST_F(VerifyTest, UnsupportedAlgorithm) {
  std::string auth = FindHeader(headers_, "Authorization");
  auth.replace(0, 16, "AWS4-HMAC-SHA1");
  SetHeader("Authorization", auth);
  ExpectStatus(Verify(), ErrorCode::kIncompleteSignature,
               "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now). ");
}

TEST_F(VerifyTest, CredentialWithFourParts) {
  SetHeader("Authorization",
            "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host;x-amz-date, Signature=00");
  ExpectStatus(Verify(), ErrorCode::kIncompleteSignature,
               "Credential must have exactly 5 slash-delimited elements, e.g. "
               "keyid/date/region/service/term, got 'a/b/c/d'");
}

TEST_F(VerifyTest, CredentialWrongScope) {
  SetHeader("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20150831/us-east-1/s3/aws4, "
            "SignedHeaders=host;x-amz-date, Signature=00");
  ExpectStatus(Verify(), ErrorCode::kInvalidSignature,
               "Credential should be scoped to correct service: 'dynamodb'. "
               "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4'. "
               "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
               "from HTTP: '20150831' != '20150830', from '20150830T123600Z'.");
}

TEST_F(VerifyTest, UnknownAccessKey) {
  keys_.clear();
  ExpectStatus(Verify(), ErrorCode::kUnrecognizedClient,
               "The security token included in the request is invalid.");
}

constexpr char kMismatch[] =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

TEST_F(VerifyTest, WrongSecret) {
  keys_["AKIDLOCAL"] = "another-secret";
  ExpectStatus(Verify(), ErrorCode::kInvalidSignature, kMismatch);
}

TEST_F(VerifyTest, TamperedBody) {
  body_ = R"({"Limit":11})";
  ExpectStatus(Verify(), ErrorCode::kInvalidSignature, kMismatch);
}

TEST_F(VerifyTest, TamperedSignedHeader) {
  SetHeader("X-Amz-Target", "DynamoDB_20120810.DeleteTable");
  ExpectStatus(Verify(), ErrorCode::kInvalidSignature, kMismatch);
}

TEST_F(VerifyTest, TamperedPathAndQuery) {
  HttpRequestView view{"POST", "/other", "", headers_, body_};
  ExpectStatus(VerifyRequest(view, lookup_, kNow), ErrorCode::kInvalidSignature, kMismatch);
  view = HttpRequestView{"POST", "/", "a=1", headers_, body_};
  ExpectStatus(VerifyRequest(view, lookup_, kNow), ErrorCode::kInvalidSignature, kMismatch);
}

TEST_F(VerifyTest, TamperedSignature) {
  std::string auth = FindHeader(headers_, "Authorization");
  auth.back() = auth.back() == '0' ? '1' : '0';
  SetHeader("Authorization", auth);
  ExpectStatus(Verify(), ErrorCode::kInvalidSignature, kMismatch);
}

// --- Dates -----------------------------------------------------------------

TEST(AmzDateTest, RoundTrip) {
  EXPECT_EQ(ParseAmzDate(kDate), kNow);
  EXPECT_EQ(FormatAmzDate(kNow), kDate);
  EXPECT_EQ(FormatAmzDate(0), "19700101T000000Z");
  EXPECT_EQ(ParseAmzDate("20000229T235959Z"), 951868799);
  EXPECT_EQ(FormatAmzDate(951868799), "20000229T235959Z");
}

TEST(AmzDateTest, Malformed) {
  EXPECT_FALSE(ParseAmzDate(""));
  EXPECT_FALSE(ParseAmzDate("20150830T123600"));
  EXPECT_FALSE(ParseAmzDate("2015-08-30T12:36:00Z"));
  EXPECT_FALSE(ParseAmzDate("20151330T123600Z"));
  EXPECT_FALSE(ParseAmzDate("2015083OT123600Z"));
}

}  // namespace
}  // namespace ordertrack::sigv4
