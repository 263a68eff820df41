// File: model/number.cc
#include "model/number.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace ordertrack::model {
namespace {

constexpr size_t kMaxDigits = 38;
// Bounds on exponent_ (value = 0.d1d2... * 10^exponent_): 0.1E-129 is 1E-130 and
// 0.99...9E+126 is 9.9...9E+125.
constexpr int64_t kMinExponent = -129;
constexpr int64_t kMaxExponent = 126;
// An exponent written in the text saturates here: past any length a string in memory can have,
// so a saturated exponent is out of range whatever the digits are, and the sums cannot overflow.
constexpr int64_t kExponentCap = int64_t{1} << 50;
// Biases exponent_ into an unsigned 16-bit field of the ordered key.
constexpr int64_t kKeyExponentBias = 0x8000;

constexpr char kPrecisionMessage[] =
    "Attempting to store more than 38 significant digits in a Number";
constexpr char kOverflowMessage[] =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr char kUnderflowMessage[] =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// DynamoDB's wording, not "A value provided cannot be converted into a number" (that is DynamoDB
// Local's): see dynalite's AWS-checked test/putItem.js and scylladb test/alternator/test_number.py.
base::Status NotANumberError(std::string_view text) {
  std::string message = "The parameter cannot be converted to a numeric value";
  if (!text.empty()) message.append(": ").append(text);
  return base::ValidationError(std::move(message));
}

// Magnitude is checked before precision, as DynamoDB does (dynalite's validations/index.js
// follows it): a 39-digit number above the range is an overflow, not a precision error.
base::Status CheckLimits(int64_t exponent, size_t digit_count, const char* precision_message) {
  if (exponent > kMaxExponent) return base::ValidationError(kOverflowMessage);
  if (exponent < kMinExponent) return base::ValidationError(kUnderflowMessage);
  if (digit_count > kMaxDigits) return base::ValidationError(precision_message);
  return base::Status::Ok();
}

// Orders two nonzero magnitudes 0.<a_digits> * 10^a_exp and 0.<b_digits> * 10^b_exp. Without
// trailing zeros, comparing digit strings as text compares the fractions.
std::strong_ordering CompareMagnitude(int64_t a_exp, const std::string& a_digits, int64_t b_exp,
                                      const std::string& b_digits) {
  if (a_exp != b_exp) return a_exp <=> b_exp;
  return a_digits.compare(b_digits) <=> 0;
}

}  // namespace

base::Result<Number> Number::Parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  const size_t int_begin = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  const size_t int_len = i - int_begin;
  size_t frac_begin = i;
  size_t frac_len = 0;
  if (i < text.size() && text[i] == '.') {
    frac_begin = ++i;
    while (i < text.size() && IsDigit(text[i])) ++i;
    frac_len = i - frac_begin;
  }
  if (int_len + frac_len == 0) return NotANumberError(text);

  int64_t exp10 = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    const size_t exp_begin = i;
    for (; i < text.size() && IsDigit(text[i]); ++i) {
      exp10 = std::min(exp10 * 10 + (text[i] - '0'), kExponentCap);
    }
    if (i == exp_begin) return NotANumberError(text);
    if (exp_negative) exp10 = -exp10;
  }
  if (i != text.size()) return NotANumberError(text);

  std::string mantissa;
  mantissa.reserve(int_len + frac_len);
  mantissa.append(text.substr(int_begin, int_len)).append(text.substr(frac_begin, frac_len));
  const size_t first = mantissa.find_first_not_of('0');
  if (first == std::string::npos) return Number();  // Zero, whatever its sign and exponent.
  const size_t last = mantissa.find_last_not_of('0');
  const int64_t exponent = static_cast<int64_t>(int_len) - static_cast<int64_t>(first) + exp10;
  OT_RETURN_IF_ERROR(CheckLimits(exponent, last - first + 1, kPrecisionMessage));

  Number n;
  n.negative_ = negative;
  n.exponent_ = static_cast<int32_t>(exponent);
  n.digits_ = mantissa.substr(first, last - first + 1);
  return n;
}

Number Number::FromInt64(int64_t value) {
  Number n;
  if (value == 0) return n;
  n.negative_ = value < 0;
  // Negating in unsigned arithmetic keeps INT64_MIN's magnitude.
  uint64_t magnitude = n.negative_ ? 0 - static_cast<uint64_t>(value) : value;
  std::string text = std::to_string(magnitude);
  n.exponent_ = static_cast<int32_t>(text.size());
  text.erase(text.find_last_not_of('0') + 1);
  n.digits_ = std::move(text);
  return n;
}

std::string Number::ToString() const {
  if (is_zero()) return "0";
  std::string out = negative_ ? "-" : "";
  const int64_t n = static_cast<int64_t>(digits_.size());
  if (exponent_ <= 0) {
    out.append("0.").append(static_cast<size_t>(-exponent_), '0').append(digits_);
  } else if (exponent_ < n) {
    out.append(digits_, 0, exponent_).append(".").append(digits_, exponent_);
  } else {
    out.append(digits_).append(static_cast<size_t>(exponent_ - n), '0');
  }
  return out;
}

std::strong_ordering Number::operator<=>(const Number& other) const {
  const int sign = is_zero() ? 0 : (negative_ ? -1 : 1);
  const int other_sign = other.is_zero() ? 0 : (other.negative_ ? -1 : 1);
  if (sign != other_sign || sign == 0) return sign <=> other_sign;
  const std::strong_ordering magnitude =
      CompareMagnitude(exponent_, digits_, other.exponent_, other.digits_);
  return negative_ ? 0 <=> magnitude : magnitude;
}

base::Result<Number> Number::Add(const Number& other) const {
  if (other.is_zero()) return *this;
  if (is_zero()) return other;
  const bool this_is_larger =
      CompareMagnitude(exponent_, digits_, other.exponent_, other.digits_) >= 0;
  const Number& large = this_is_larger ? *this : other;
  const Number& small = this_is_larger ? other : *this;

  // Both magnitudes laid out as digit arrays, most significant first, where slot i holds the digit
  // of 10^(top - 1 - i). Slot 0 is left free for a carry. Operands are within DynamoDB's range, so
  // this is at most 1 + 126 + 129 + 38 slots.
  const int64_t top = std::max<int64_t>(exponent_, other.exponent_) + 1;
  const int64_t bottom = std::min(exponent_ - static_cast<int64_t>(digits_.size()),
                                  other.exponent_ - static_cast<int64_t>(other.digits_.size()));
  std::vector<int> slots(static_cast<size_t>(top - bottom), 0);
  for (size_t k = 0; k < large.digits_.size(); ++k) {
    slots[top - large.exponent_ + k] = large.digits_[k] - '0';
  }
  const int direction = negative_ == other.negative_ ? 1 : -1;
  for (size_t k = 0; k < small.digits_.size(); ++k) {
    slots[top - small.exponent_ + k] += direction * (small.digits_[k] - '0');
  }
  // Since |large| >= |small|, a borrow never runs past the top, and slot 0 absorbs any carry.
  int carry = 0;
  for (size_t i = slots.size(); i-- > 0;) {
    int v = slots[i] + carry;
    carry = v >= 10 ? 1 : (v < 0 ? -1 : 0);
    slots[i] = v - 10 * carry;
  }

  auto is_nonzero = [](int d) { return d != 0; };
  auto first = std::find_if(slots.begin(), slots.end(), is_nonzero);
  if (first == slots.end()) return Number();
  auto last = std::find_if(slots.rbegin(), slots.rend(), is_nonzero).base();
  const int64_t exponent = top - (first - slots.begin());
  // DynamoDB does not round; an inexact sum gets the overflow message, not the precision one (see
  // test_update_expression_plus_imprecise in scylladb test/alternator/test_number.py).
  OT_RETURN_IF_ERROR(CheckLimits(exponent, static_cast<size_t>(last - first), kOverflowMessage));

  Number sum;
  sum.negative_ = large.negative_;
  sum.exponent_ = static_cast<int32_t>(exponent);
  for (auto it = first; it != last; ++it) sum.digits_.push_back(static_cast<char>('0' + *it));
  return sum;
}

base::Result<Number> Number::Subtract(const Number& other) const {
  Number negated = other;
  if (!negated.is_zero()) negated.negative_ = !negated.negative_;
  return Add(negated);
}

std::optional<int64_t> Number::ToInt64() const {
  if (is_zero()) return 0;
  const int64_t n = static_cast<int64_t>(digits_.size());
  // Below 10^19 every magnitude fits in a uint64_t, so the loop cannot wrap.
  if (exponent_ < n || exponent_ > 19) return std::nullopt;
  uint64_t magnitude = 0;
  for (int64_t i = 0; i < exponent_; ++i) {
    magnitude = magnitude * 10 + static_cast<uint64_t>(i < n ? digits_[i] - '0' : 0);
  }
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  if (magnitude > kMax + (negative_ ? 1 : 0)) return std::nullopt;
  // Negating in unsigned arithmetic reaches INT64_MIN without signed overflow.
  return static_cast<int64_t>(negative_ ? 0 - magnitude : magnitude);
}

size_t Number::StorageBytes() const {
  // DynamoDB documents a number's size as about one byte per two significant digits plus one; zero
  // is taken to have the single significant digit "0".
  const size_t digits = is_zero() ? 1 : digits_.size();
  return 1 + (digits + 1) / 2;
}

void Number::AppendOrderedKey(std::string* out) const {
  // Zero sorts between the negatives (0x40) and the positives (0xC0). Within a sign, a larger
  // exponent means a larger magnitude; at equal exponents the digits compare as fractions. The
  // terminator sorts below every digit byte (above, when inverted), which both makes "0.12" sort
  // before "0.123" and keeps any encoding from being a proper prefix of another.
  if (is_zero()) {
    out->push_back('\x80');
    return;
  }
  const uint8_t invert = negative_ ? 0xFF : 0x00;
  const auto biased = static_cast<uint16_t>(exponent_ + kKeyExponentBias);
  out->push_back(static_cast<char>(negative_ ? 0x40 : 0xC0));
  out->push_back(static_cast<char>((biased >> 8) ^ invert));
  out->push_back(static_cast<char>((biased & 0xFF) ^ invert));
  for (char c : digits_) out->push_back(static_cast<char>(static_cast<uint8_t>(c) ^ invert));
  out->push_back(static_cast<char>(invert));
}

}  // namespace ordertrack::model
