// Every operation's request and response survive the wire whole:
// decode(encode(x)) == x, for values in which a generator has set every
// field. The generator walks the api structs' fields itself, so a field
// added to a request or response is filled, and checked, without touching
// this test: a codec that forgets it fails here.
#include <gtest/gtest.h>

#include <concepts>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "wire/operations.h"

namespace ordertrack::wire {
namespace {

// ---- The fields of an aggregate, without naming them --------------------------

// Converts to a reference to anything, so that T{AnyField{}, ...} compiles
// exactly when T has at least that many fields (std::optional members
// included, which a by-value conversion would make ambiguous).
struct AnyField {
  template <typename T>
  operator T&() const&&;  // never defined: used only where nothing is evaluated
};

template <typename T, size_t... I>
constexpr bool InitializableWith(std::index_sequence<I...>) {
  return requires { T{(void(I), AnyField{})...}; };
}

template <typename T, size_t N = 0>
constexpr size_t FieldCount() {
  if constexpr (InitializableWith<T>(std::make_index_sequence<N + 1>{})) {
    return FieldCount<T, N + 1>();
  } else {
    return N;
  }
}

// Calls visit(field) for every field of the aggregate `v`.
template <typename T, typename Visitor>
void ForEachField(T& v, Visitor&& visit) {
  constexpr size_t n = FieldCount<T>();
  static_assert(n <= 20, "ForEachField: add a case for more fields");
  auto all = [&](auto&... fields) { (visit(fields), ...); };
  if constexpr (n == 0) {
  } else if constexpr (n == 1) {
    auto& [a] = v;
    all(a);
  } else if constexpr (n == 2) {
    auto& [a, b] = v;
    all(a, b);
  } else if constexpr (n == 3) {
    auto& [a, b, c] = v;
    all(a, b, c);
  } else if constexpr (n == 4) {
    auto& [a, b, c, d] = v;
    all(a, b, c, d);
  } else if constexpr (n == 5) {
    auto& [a, b, c, d, e] = v;
    all(a, b, c, d, e);
  } else if constexpr (n == 6) {
    auto& [a, b, c, d, e, f] = v;
    all(a, b, c, d, e, f);
  } else if constexpr (n == 7) {
    auto& [a, b, c, d, e, f, g] = v;
    all(a, b, c, d, e, f, g);
  } else if constexpr (n == 8) {
    auto& [a, b, c, d, e, f, g, h] = v;
    all(a, b, c, d, e, f, g, h);
  } else if constexpr (n == 9) {
    auto& [a, b, c, d, e, f, g, h, i] = v;
    all(a, b, c, d, e, f, g, h, i);
  } else if constexpr (n == 10) {
    auto& [a, b, c, d, e, f, g, h, i, j] = v;
    all(a, b, c, d, e, f, g, h, i, j);
  } else if constexpr (n == 11) {
    auto& [a, b, c, d, e, f, g, h, i, j, k] = v;
    all(a, b, c, d, e, f, g, h, i, j, k);
  } else if constexpr (n == 12) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l);
  } else if constexpr (n == 13) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m);
  } else if constexpr (n == 14) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m, o);
  } else if constexpr (n == 15) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p);
  } else if constexpr (n == 16) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q);
  } else if constexpr (n == 17) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r);
  } else if constexpr (n == 18) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s);
  } else if constexpr (n == 19) {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t);
  } else {
    auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t, u] = v;
    all(a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, t, u);
  }
}

// ---- Filling every field with a value that is not its default -----------------

// Declared before they are defined: the containers' overloads call each
// other, and argument-dependent lookup would not find them in this namespace.
template <typename T>
void Fill(T& v);
template <typename T>
void Fill(std::optional<T>& v);
template <typename T>
void Fill(std::vector<T>& v);
template <typename... T>
void Fill(std::vector<std::variant<T...>>& v);
template <typename K, typename V, typename C>
void Fill(std::map<K, V, C>& v);
void Fill(model::TableDescription& v);

// Valid wherever a string goes, table and index names included.
void Fill(std::string& v) { v = "abc"; }
void Fill(bool& v) { v = true; }
void Fill(double& v) { v = 1.5; }
template <std::integral I>
void Fill(I& v) {
  v = 7;
}
// 1, or 2 where 1 is the default: every enum we have names both.
template <typename E>
  requires std::is_enum_v<E>
void Fill(E& v) {
  v = static_cast<E>(static_cast<std::underlying_type_t<E>>(v) == 1 ? 2 : 1);
}
void Fill(model::AttributeValue& v) {
  v = model::AttributeValue::M({{"n", model::AttributeValue::N(model::Number::FromInt64(-12))},
                                {"b", model::AttributeValue::B(std::string("\x00\xff", 2))},
                                {"l", model::AttributeValue::L({model::AttributeValue::Null()})},
                                {"ss", model::AttributeValue::SS({"x", "y"})}});
}
template <typename T>
void Fill(std::optional<T>& v) {
  Fill(v.emplace());
}
template <typename T>
void Fill(std::vector<T>& v) {
  Fill(v.emplace_back());
}
// A list of alternatives holds one of each.
template <typename... T>
void Fill(std::vector<std::variant<T...>>& v) {
  (Fill(std::get<T>(v.emplace_back(std::in_place_type<T>))), ...);
}
template <typename K, typename V, typename C>
void Fill(std::map<K, V, C>& v) {
  K key;
  Fill(key);
  Fill(v[key]);
}
template <typename T>
void Fill(T& v) {
  static_assert(std::is_aggregate_v<T>, "Fill: give this type an overload");
  ForEachField(v, [](auto& field) { Fill(field); });
}

// A local index shares IndexDescription with the global ones but has no
// throughput or status of its own on the wire, as in DynamoDB's answers.
void Fill(model::TableDescription& v) {
  ForEachField(v, [](auto& field) { Fill(field); });
  for (auto& local : v.local_secondary_indexes) {
    local.provisioned_throughput.reset();
    local.index_status = model::IndexDescription().index_status;
    local.backfilling = false;
  }
}

template <typename T>
T Filled() {
  T v{};
  Fill(v);
  return v;
}

// ---- The round trips ------------------------------------------------------------

template <typename T>
void ExpectRoundTrip(std::string_view what, const T& value, std::string (*encode)(const T&),
                     base::Status (*decode)(std::string_view, T*)) {
  const std::string json = encode(value);
  T back{};
  base::Status s = decode(json, &back);
  ASSERT_TRUE(s.ok()) << what << ": " << s.ToString() << "\n" << json;
  EXPECT_TRUE(back == value) << what << " lost a field on the wire.\nsent:     " << json
                             << "\nreceived: " << encode(back);
}

template <typename T>
void ExpectFilledAndRoundTrip(const std::string& what, std::string (*encode)(const T&),
                              base::Status (*decode)(std::string_view, T*)) {
  const T value = Filled<T>();
  // The generator must have set something, or the round trip proves nothing.
  if constexpr (FieldCount<T>() > 0) {
    EXPECT_FALSE(value == T{}) << what;
  }
  ExpectRoundTrip(what, value, encode, decode);
}

template <typename Request, typename Response>
void ExpectOperationRoundTrips(const Operation<Request, Response>& op) {
  ExpectFilledAndRoundTrip(std::string(op.name) + " request", op.encode_request,
                           op.decode_request);
  ExpectFilledAndRoundTrip(std::string(op.name) + " response", op.encode_response,
                           op.decode_response);
}

TEST(RoundTripTest, EveryRequestAndResponseSurvivesWhole) {
  ForEachOperation([](const auto& op) { ExpectOperationRoundTrips(op); });
}

}  // namespace
}  // namespace ordertrack::wire
