#include "model/number.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace ordertrack::model {
namespace {

constexpr char kPrecision[] = "Attempting to store more than 38 significant digits in a Number";
constexpr char kOverflow[] =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr char kUnderflow[] =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
constexpr char kNotANumber[] = "The parameter cannot be converted to a numeric value";

// The largest magnitude DynamoDB accepts: 38 nines, then 88 zeros.
const std::string kMaxText = std::string(38, '9') + std::string(88, '0');

Number N(std::string_view text) {
  auto n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status().ToString();
  return n.ok() ? *n : Number();
}

std::string Key(const Number& n) {
  std::string key;
  n.AppendOrderedKey(&key);
  return key;
}

std::string ErrorOf(const base::Result<Number>& r) {
  if (r.ok()) return "ok: " + r->ToString();
  EXPECT_EQ(r.status().code(), base::ErrorCode::kValidation);
  return r.status().message();
}

TEST(NumberTest, DefaultIsZero) {
  Number zero;
  EXPECT_TRUE(zero.is_zero());
  EXPECT_FALSE(zero.negative());
  EXPECT_EQ(zero.significant_digits(), 0u);
  EXPECT_EQ(zero.ToString(), "0");
  EXPECT_EQ(zero, N("0"));
}

TEST(NumberTest, ParsesAndCanonicalises) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"0", "0"},
      {"-0", "0"},
      {"+0", "0"},
      {"0.00", "0"},
      {"-0.0e5", "0"},
      {"0e1000", "0"},
      {"0e-999999999999999999999", "0"},
      {"00", "0"},
      {".0", "0"},
      {"0.", "0"},
      {"1", "1"},
      {"+3", "3"},
      {"-5", "-5"},
      {"007", "7"},
      {"1.0", "1"},
      {"1.", "1"},
      {"1.10", "1.1"},
      {"100.000", "100"},
      {"00012.50", "12.5"},
      {"-00012.50", "-12.5"},
      {".5", "0.5"},
      {"-.5", "-0.5"},
      {"+.123", "0.123"},
      {"0.001", "0.001"},
      {"1e2", "100"},
      {"1E2", "100"},
      {"1e+3", "1000"},
      {"1E+3", "1000"},
      {"1e-3", "0.001"},
      {"1E-3", "0.001"},
      {"1.5e2", "150"},
      {"-3e2", "-300"},
      {"123e-2", "1.23"},
      {"1.23e-1", "0.123"},
      {"1.0e-1", "0.1"},
      {"12.5e1", "125"},
      {"1e0", "1"},
      {"1e-0", "1"},
      {"1e0000000000000000000000002", "100"},
      {"-17.4E37", "-174" + std::string(36, '0')},
      {"1e20", "100000000000000000000"},
      {"1e125", "1" + std::string(125, '0')},
      {"1E+100", "1" + std::string(100, '0')},
      {"1e-20", "0.00000000000000000001"},
      {"1e-130", "0." + std::string(129, '0') + "1"},
      {"-1e-130", "-0." + std::string(129, '0') + "1"},
      {"3.14159", "3.14159"},
      {"-273.15", "-273.15"},
      {"9223372036854775807", "9223372036854775807"},
      {"100000000000000000000000000000000000000000", "100000000000000000000000000000000000000000"},
  };
  for (const auto& [text, canonical] : cases) {
    SCOPED_TRACE(text);
    auto n = Number::Parse(text);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(n->ToString(), canonical);
    // The canonical text reads back as the same number.
    auto again = Number::Parse(n->ToString());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *n);
  }
}

TEST(NumberTest, CountsSignificantDigits) {
  EXPECT_EQ(N("00012.50").significant_digits(), 3u);
  EXPECT_EQ(N("1e100").significant_digits(), 1u);
  EXPECT_EQ(N("-0.000101").significant_digits(), 3u);
  EXPECT_TRUE(N("-7").negative());
  EXPECT_FALSE(N("-0").negative());
}

TEST(NumberTest, RejectsNonNumbers) {
  const std::vector<std::string> cases = {
      "NaN",   "-NaN", "Infinity", "-Infinity", "inf",  "dog",   "-dog", " 1",   "1 ",   "1 2",
      ".",     "-",    "+",        "-.",        "+.e1", "e5",    "E5",   ".e5",  "1e",   "1e+",
      "1e-",   "1E",   "1e5.5",    "1e5e5",     "--1",  "++1",   "+-1",  "-+1",  "1-",   "1..2",
      "1.2.3", "0x10", "0X1A",     "1_000",     "1,5",  "\t1",   "1\n",  "1f",   "1d",   "١",
      "1e 5",  "1ee5", "e",        "-e1",       "12a",  "0b101", "1.e",  "\xff", "1e--5"};
  for (const std::string& text : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ErrorOf(Number::Parse(text)), std::string(kNotANumber) + ": " + text);
  }
  // An empty value has nothing to quote.
  EXPECT_EQ(ErrorOf(Number::Parse("")), kNotANumber);
  EXPECT_EQ(ErrorOf(Number::Parse(std::string_view("1\0", 2))),
            std::string(kNotANumber) + ": " + std::string("1\0", 2));
}

TEST(NumberTest, PrecisionBoundary) {
  const std::string digits38 = "12345678901234567890123456789012345678";
  EXPECT_EQ(N(digits38).significant_digits(), 38u);
  EXPECT_EQ(N(digits38).ToString(), digits38);
  EXPECT_EQ(ErrorOf(Number::Parse(digits38 + "9")), kPrecision);
  EXPECT_EQ(ErrorOf(Number::Parse("-" + digits38 + "9")), kPrecision);

  // Trailing integer zeros and leading fraction zeros are not significant.
  EXPECT_EQ(N(digits38 + "0000").ToString(), digits38 + "0000");
  EXPECT_EQ(N("0.0000" + digits38).significant_digits(), 38u);
  EXPECT_EQ(N("000" + digits38 + ".000").significant_digits(), 38u);
  EXPECT_EQ(N("3.1415926535897932384626433832795028841").significant_digits(), 38u);
  EXPECT_EQ(N("31415926535897932384626433832795028841e30").significant_digits(), 38u);

  // No rounding: a 39th digit anywhere is an error, even a tiny one.
  EXPECT_EQ(ErrorOf(Number::Parse("3.14159265358979323846264338327950288419")), kPrecision);
  EXPECT_EQ(ErrorOf(Number::Parse("314159265358979323846.264338327950288419")), kPrecision);
  EXPECT_EQ(ErrorOf(Number::Parse("314159265358979323846264338327950288419e30")), kPrecision);
  EXPECT_EQ(ErrorOf(Number::Parse("1." + std::string(37, '0') + "1")), kPrecision);
  EXPECT_EQ(N("1." + std::string(36, '0') + "1").significant_digits(), 38u);
}

TEST(NumberTest, MagnitudeBoundaries) {
  // Largest and smallest magnitudes, both signs.
  const std::string max = "9.9999999999999999999999999999999999999E+125";
  EXPECT_EQ(N(max).ToString(), kMaxText);
  EXPECT_EQ(N("-" + max).ToString(), "-" + kMaxText);
  EXPECT_EQ(N(kMaxText).ToString(), kMaxText);
  EXPECT_EQ(N("1e-130").significant_digits(), 1u);
  EXPECT_EQ(N("-1E-130").ToString(), "-0." + std::string(129, '0') + "1");
  EXPECT_EQ(N("10e-131").ToString(), N("1e-130").ToString());
  EXPECT_EQ(N("0.1e126").ToString(), "1" + std::string(125, '0'));

  for (const std::string sign : {"", "-"}) {
    SCOPED_TRACE(sign);
    EXPECT_EQ(ErrorOf(Number::Parse(sign + "1e126")), kOverflow);
    EXPECT_EQ(ErrorOf(Number::Parse(sign + "11e125")), kOverflow);
    EXPECT_EQ(ErrorOf(Number::Parse(sign + "1" + std::string(126, '0'))), kOverflow);
    EXPECT_EQ(ErrorOf(Number::Parse(sign + "1e-131")), kUnderflow);
    EXPECT_EQ(ErrorOf(Number::Parse(sign + "0.9e-130")), kUnderflow);
    EXPECT_EQ(ErrorOf(Number::Parse(sign + "0." + std::string(130, '0') + "1")), kUnderflow);
  }
}

TEST(NumberTest, MagnitudeIsCheckedBeforePrecision) {
  const std::string digits39 = "123456789012345678901234567890123456789";
  EXPECT_EQ(ErrorOf(Number::Parse(digits39 + "e200")), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse(digits39 + "e-200")), kUnderflow);
}

TEST(NumberTest, HugeExponentsDoNotOverflow) {
  EXPECT_EQ(ErrorOf(Number::Parse("1e999999999999")), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse("-1e999999999999")), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e-999999999999")), kUnderflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e" + std::string(5000, '9'))), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e-" + std::string(5000, '9'))), kUnderflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e9223372036854775807")), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e9223372036854775808")), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e4294967296")), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e-2147483649")), kUnderflow);
  EXPECT_EQ(ErrorOf(Number::Parse("1e2147483647")), kOverflow);
  // Leading fraction zeros move the value further down, never back into range.
  EXPECT_EQ(ErrorOf(Number::Parse("0.001e-999999999999999999")), kUnderflow);
}

TEST(NumberTest, LongDigitStringsAreHandled) {
  // A million zeros each way; this must run in linear time.
  const std::string zeros(1'000'000, '0');
  EXPECT_EQ(ErrorOf(Number::Parse("0." + zeros + "1")), kUnderflow);
  EXPECT_EQ(N("0." + zeros + "1e1000000").ToString(), "0.1");
  EXPECT_EQ(N(zeros + "42" + "." + zeros).ToString(), "42");
  EXPECT_EQ(N("1" + zeros + "e-1000000").ToString(), "1");
  EXPECT_EQ(ErrorOf(Number::Parse("1" + zeros)), kOverflow);
  EXPECT_EQ(N("0." + zeros).ToString(), "0");
  EXPECT_EQ(ErrorOf(Number::Parse(std::string(1'000'000, '7'))), kOverflow);
  EXPECT_EQ(ErrorOf(Number::Parse("0." + std::string(1'000'000, '7'))), kPrecision);
}

TEST(NumberTest, ComparesByValue) {
  EXPECT_EQ(N("1.0"), N("1"));
  EXPECT_EQ(N("-0"), N("0"));
  EXPECT_EQ(N("1e3"), N("1000"));
  EXPECT_EQ(N("0.5") <=> N("5e-1"), std::strong_ordering::equal);
  EXPECT_LT(N("-1"), N("0"));
  EXPECT_LT(N("0"), N("0.5"));
  EXPECT_LT(N("-1"), N("0.5"));
  EXPECT_LT(N("-2"), N("-1"));
  EXPECT_LT(N("-1.5"), N("-1"));
  EXPECT_LT(N("-1"), N("-0.99"));
  EXPECT_LT(N("0.12"), N("0.123"));
  EXPECT_LT(N("-0.123"), N("-0.12"));
  EXPECT_LT(N("9"), N("10"));
  EXPECT_LT(N("99"), N("100"));
  EXPECT_LT(N("1e-130"), N("2e-130"));
  EXPECT_LT(N("-1e125"), N("-1e-130"));
  EXPECT_LT(N("1e-130"), N(kMaxText));
  EXPECT_GT(N("0"), N("-1e-130"));
  EXPECT_NE(N("1"), N("-1"));
  EXPECT_NE(N("1"), N("10"));
  EXPECT_NE(N("0.1"), N("1"));
}

TEST(NumberTest, FromInt64) {
  const std::vector<int64_t> values = {0,
                                       1,
                                       -1,
                                       10,
                                       -100,
                                       123456789,
                                       1'000'000'000'000,
                                       std::numeric_limits<int64_t>::max(),
                                       std::numeric_limits<int64_t>::min(),
                                       std::numeric_limits<int64_t>::min() + 1};
  for (int64_t v : values) {
    SCOPED_TRACE(v);
    Number n = Number::FromInt64(v);
    EXPECT_EQ(n.ToString(), std::to_string(v));
    EXPECT_EQ(n, N(std::to_string(v)));
    EXPECT_EQ(n.ToInt64(), v);
  }
  EXPECT_EQ(Number::FromInt64(1000).significant_digits(), 1u);
}

TEST(NumberTest, ToInt64) {
  EXPECT_EQ(N("0").ToInt64(), 0);
  EXPECT_EQ(N("42").ToInt64(), 42);
  EXPECT_EQ(N("-42").ToInt64(), -42);
  EXPECT_EQ(N("4.2e1").ToInt64(), 42);
  EXPECT_EQ(N("1e18").ToInt64(), 1'000'000'000'000'000'000);
  EXPECT_EQ(N("9223372036854775807").ToInt64(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(N("-9223372036854775808").ToInt64(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(N("9223372036854775808").ToInt64(), std::nullopt);
  EXPECT_EQ(N("-9223372036854775809").ToInt64(), std::nullopt);
  EXPECT_EQ(N("1e19").ToInt64(), std::nullopt);
  EXPECT_EQ(N("9999999999999999999").ToInt64(), std::nullopt);
  EXPECT_EQ(N("1e20").ToInt64(), std::nullopt);
  EXPECT_EQ(N("1e125").ToInt64(), std::nullopt);
  EXPECT_EQ(N("0.5").ToInt64(), std::nullopt);
  EXPECT_EQ(N("-1.5").ToInt64(), std::nullopt);
  EXPECT_EQ(N("1e-130").ToInt64(), std::nullopt);
  EXPECT_EQ(N("12345.6").ToInt64(), std::nullopt);
}

std::string Sum(std::string_view a, std::string_view b) { return ErrorOf(N(a).Add(N(b))); }
std::string Difference(std::string_view a, std::string_view b) {
  return ErrorOf(N(a).Subtract(N(b)));
}

TEST(NumberTest, AddsExactly) {
  EXPECT_EQ(Sum("1", "2"), "ok: 3");
  EXPECT_EQ(Sum("0", "0"), "ok: 0");
  EXPECT_EQ(Sum("0", "-7.5"), "ok: -7.5");
  EXPECT_EQ(Sum("-7.5", "0"), "ok: -7.5");
  EXPECT_EQ(Sum("0.1", "0.2"), "ok: 0.3");
  EXPECT_EQ(Sum("1.5", "1.5"), "ok: 3");
  EXPECT_EQ(Sum("9", "1"), "ok: 10");
  EXPECT_EQ(Sum("999", "1"), "ok: 1000");
  EXPECT_EQ(Sum("99.99", "0.01"), "ok: 100");
  EXPECT_EQ(Sum("-999", "-1"), "ok: -1000");
  EXPECT_EQ(Sum("1e20", "1"), "ok: 100000000000000000001");
  EXPECT_EQ(Sum("1", "1e-20"), "ok: 1.00000000000000000001");
  EXPECT_EQ(Sum("1", "10000000000000000000000"), "ok: 10000000000000000000001");
  EXPECT_EQ(Sum("1e100", "1e100"), "ok: 2" + std::string(100, '0'));
  EXPECT_EQ(Sum("9e125", "9e124"), "ok: 99" + std::string(124, '0'));
  EXPECT_EQ(Sum("1e-130", "1e-130"), "ok: 0." + std::string(129, '0') + "2");
  // Exactly 38 digits after a carry.
  EXPECT_EQ(Sum(std::string(37, '9'), "1"), "ok: 1" + std::string(37, '0'));
  EXPECT_EQ(Sum(std::string(38, '9'), "1"), "ok: 1" + std::string(38, '0'));
}

TEST(NumberTest, AddsAcrossSigns) {
  EXPECT_EQ(Sum("5", "-3"), "ok: 2");
  EXPECT_EQ(Sum("3", "-5"), "ok: -2");
  EXPECT_EQ(Sum("-5", "3"), "ok: -2");
  EXPECT_EQ(Sum("1000", "-1"), "ok: 999");
  EXPECT_EQ(Sum("1", "-0.001"), "ok: 0.999");
  EXPECT_EQ(Sum("-1", "0.001"), "ok: -0.999");
  EXPECT_EQ(Sum("10000000000000000000000", "-1"), "ok: 9999999999999999999999");
  EXPECT_EQ(Sum("1.0000000000000000000000000000000000001", "-1"),
            "ok: 0.0000000000000000000000000000000000001");
  // Cancellations give a canonical zero.
  EXPECT_EQ(Sum("1.5", "-1.5"), "ok: 0");
  EXPECT_EQ(Sum("-1e125", "1e125"), "ok: 0");
  EXPECT_EQ(N("1.5").Add(N("-1.5"))->negative(), false);
  EXPECT_EQ(*N("-0.25").Add(N("0.25")), Number());
}

TEST(NumberTest, Subtracts) {
  EXPECT_EQ(Difference("3", "5"), "ok: -2");
  EXPECT_EQ(Difference("5", "-3"), "ok: 8");
  EXPECT_EQ(Difference("0", "5"), "ok: -5");
  EXPECT_EQ(Difference("5", "0"), "ok: 5");
  EXPECT_EQ(Difference("0", "0"), "ok: 0");
  EXPECT_EQ(Difference("2.5", "2.5"), "ok: 0");
  EXPECT_EQ(Difference("10000000000000000000000", "1"), "ok: 9999999999999999999999");
  EXPECT_EQ(Difference("0.3", "0.1"), "ok: 0.2");
}

TEST(NumberTest, ArithmeticRangeErrors) {
  EXPECT_EQ(Sum("9e125", "9e125"), kOverflow);
  EXPECT_EQ(Difference("9e125", "-9e125"), kOverflow);
  EXPECT_EQ(Sum(kMaxText, "1e88"), kOverflow);
  EXPECT_EQ(Sum("-" + kMaxText, "-1e88"), kOverflow);
  // 1.0000000000000000000000000000000000001E-130 is in range, but the difference is not.
  EXPECT_EQ(Difference("1.0000000000000000000000000000000000001e-130", "1e-130"), kUnderflow);
}

TEST(NumberTest, InexactSumsAreRejectedNotRounded) {
  // DynamoDB reports precision loss in arithmetic with its overflow message.
  EXPECT_EQ(Sum("1e50", "1"), kOverflow);
  EXPECT_EQ(Difference("1e50", "1"), kOverflow);
  EXPECT_EQ(Sum(std::string(38, '9'), "0.1"), kOverflow);
  EXPECT_EQ(Sum("1", "1e-38"), kOverflow);
  EXPECT_EQ(Sum("0.1", "1e-40"), kOverflow);
  EXPECT_EQ(Sum("1", "1e-37"), "ok: 1." + std::string(36, '0') + "1");
}

TEST(NumberTest, StorageBytes) {
  EXPECT_EQ(Number().StorageBytes(), 2u);
  EXPECT_EQ(N("7").StorageBytes(), 2u);
  EXPECT_EQ(N("12").StorageBytes(), 2u);
  EXPECT_EQ(N("123").StorageBytes(), 3u);
  EXPECT_EQ(N("1e100").StorageBytes(), 2u);
  EXPECT_EQ(N("-0.000123").StorageBytes(), 3u);
  EXPECT_EQ(N(std::string(38, '9')).StorageBytes(), 20u);
  EXPECT_EQ(N(std::string(37, '9')).StorageBytes(), 20u);
}

TEST(NumberTest, OrderedKeyLayout) {
  EXPECT_EQ(Key(Number()), std::string("\x80", 1));
  EXPECT_EQ(Key(N("-0")), Key(N("0.000")));
  EXPECT_EQ(Key(N("1")), std::string("\xC0\x80\x01"
                                     "1\0",
                                     5));
  EXPECT_EQ(Key(N("12.5")), std::string("\xC0\x80\x02"
                                        "125\0",
                                        7));
  EXPECT_EQ(Key(N("-1")), std::string("\x40\x7F\xFE\xCE\xFF", 5));
  EXPECT_EQ(Key(N("1.0")), Key(N("1")));
  // Appends rather than overwrites.
  std::string out = "prefix";
  N("1").AppendOrderedKey(&out);
  EXPECT_EQ(out, "prefix" + Key(N("1")));
}

TEST(NumberTest, OrderedKeyOrdersHandPickedValues) {
  const std::vector<std::string> ascending = {
      "-" + kMaxText, "-1e125",  "-2",   "-1.5",
      "-1.25",        "-1.2",    "-1",   "-0.99",
      "-0.1",         "-1e-130", "0",    "1e-130",
      "2e-130",       "0.1",     "0.12", "0.120000001",
      "0.123",        "0.2",     "1",    "1.0000000000000000000000000000000000001",
      "10",           "10.5",    "99",   "100",
      "1e125",        kMaxText,
  };
  for (size_t i = 0; i + 1 < ascending.size(); ++i) {
    SCOPED_TRACE(ascending[i] + " < " + ascending[i + 1]);
    EXPECT_LT(N(ascending[i]), N(ascending[i + 1]));
    EXPECT_LT(Key(N(ascending[i])), Key(N(ascending[i + 1])));
  }
}

// A random number in range: random sign, 1..38 digits, any exponent, often sharing digit
// prefixes and exponents so that the close cases get exercised.
std::string RandomNumberText(std::mt19937_64& rng) {
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  if (uniform(0, 20) == 0) return "0";
  std::string digits = std::to_string(uniform(1, 9));
  const int length = uniform(0, 3) == 0 ? uniform(1, 3) : uniform(1, 38);
  const int digit_max = uniform(0, 1) == 0 ? 1 : 9;  // Few distinct digits: many near-ties.
  while (static_cast<int>(digits.size()) < length) {
    digits.push_back(static_cast<char>('0' + uniform(0, digit_max)));
  }
  const int exponent = uniform(0, 2) == 0 ? uniform(-2, 2) : uniform(-129, 126);
  return std::string(uniform(0, 1) ? "-" : "") + "0." + digits + "e" + std::to_string(exponent);
}

TEST(NumberTest, OrderedKeyMatchesValueOrderOnRandomNumbers) {
  std::mt19937_64 rng(20240611);
  std::vector<Number> numbers;
  for (int i = 0; i < 600; ++i) {
    auto n = Number::Parse(RandomNumberText(rng));
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    numbers.push_back(*n);
  }
  std::vector<std::string> keys;
  for (const Number& n : numbers) keys.push_back(Key(n));

  for (size_t i = 0; i < numbers.size(); ++i) {
    for (size_t j = 0; j < numbers.size(); ++j) {
      const std::string& a = keys[i];
      const std::string& b = keys[j];
      const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
      const auto key_order = c != 0 ? c <=> 0 : a.size() <=> b.size();
      ASSERT_EQ(key_order, numbers[i] <=> numbers[j])
          << numbers[i].ToString() << " vs " << numbers[j].ToString();
      ASSERT_EQ(numbers[i] == numbers[j], a == b);
      if (a.size() < b.size()) {
        ASSERT_NE(b.compare(0, a.size(), a), 0) << "prefix: " << numbers[i].ToString();
      }
    }
  }

  // Sorting both ways gives the same sequence.
  std::vector<size_t> by_value(numbers.size()), by_key(numbers.size());
  for (size_t i = 0; i < numbers.size(); ++i) by_value[i] = by_key[i] = i;
  std::stable_sort(by_value.begin(), by_value.end(),
                   [&](size_t x, size_t y) { return numbers[x] < numbers[y]; });
  std::stable_sort(by_key.begin(), by_key.end(),
                   [&](size_t x, size_t y) { return keys[x] < keys[y]; });
  EXPECT_EQ(by_value, by_key);
}

TEST(NumberTest, RandomNumbersRoundTripThroughText) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const std::string text = RandomNumberText(rng);
    SCOPED_TRACE(text);
    Number n = N(text);
    const std::string canonical = n.ToString();
    EXPECT_EQ(canonical.find_first_of("eE+"), std::string::npos);
    EXPECT_EQ(N(canonical), n);
    EXPECT_EQ(N(canonical).ToString(), canonical);
  }
}

// Scales an integer into a decimal text with `scale` fraction digits.
std::string Scaled(int64_t v, int scale) {
  return std::to_string(v) + "e-" + std::to_string(scale);
}

TEST(NumberTest, RandomArithmeticMatchesIntegerArithmetic) {
  std::mt19937_64 rng(99);
  std::uniform_int_distribution<int64_t> value(-1'000'000'000'000'000, 1'000'000'000'000'000);
  std::uniform_int_distribution<int> scale(0, 40);
  for (int i = 0; i < 5000; ++i) {
    int64_t a = value(rng) >> (rng() % 60);
    int64_t b = value(rng) >> (rng() % 60);
    const int s = scale(rng);
    SCOPED_TRACE(std::to_string(a) + ", " + std::to_string(b) + ", scale " + std::to_string(s));
    auto sum = N(Scaled(a, s)).Add(N(Scaled(b, s)));
    auto difference = N(Scaled(a, s)).Subtract(N(Scaled(b, s)));
    ASSERT_TRUE(sum.ok());
    ASSERT_TRUE(difference.ok());
    EXPECT_EQ(*sum, N(Scaled(a + b, s)));
    EXPECT_EQ(*difference, N(Scaled(a - b, s)));
    EXPECT_EQ(*N(Scaled(b, s)).Add(N(Scaled(a, s))), *sum);
    EXPECT_EQ(N(Scaled(a, s)) <=> N(Scaled(b, s)), a <=> b);
    if (s == 0) {
      EXPECT_EQ(sum->ToInt64(), a + b);
    }
  }
}

TEST(NumberTest, RandomSumsUndoAndKeepLimits) {
  std::mt19937_64 rng(5);
  int exact = 0;
  for (int i = 0; i < 5000; ++i) {
    const Number a = N(RandomNumberText(rng));
    const Number b = N(RandomNumberText(rng));
    auto sum = a.Add(b);
    if (!sum.ok()) {
      EXPECT_TRUE(sum.status().message() == kOverflow || sum.status().message() == kUnderflow)
          << sum.status().message();
      continue;
    }
    ++exact;
    EXPECT_LE(sum->significant_digits(), 38u);
    EXPECT_EQ(N(sum->ToString()), *sum);
    auto back = sum->Subtract(b);
    ASSERT_TRUE(back.ok()) << a.ToString() << " + " << b.ToString();
    EXPECT_EQ(*back, a);
  }
  EXPECT_GT(exact, 100);
}

}  // namespace
}  // namespace ordertrack::model
