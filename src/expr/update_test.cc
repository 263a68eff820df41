// Update application: each case is an item and an update expression ->
// the resulting item, or DynamoDB's message.
#include <gtest/gtest.h>

#include "expr/internal/expr_test_util.h"

namespace ordertrack::expr {
namespace {

using namespace exprtest;  // NOLINT: test helpers

const model::ExpressionAttributeNames kNames = {{"#s", "status"}};
const model::ExpressionAttributeValues kValues = {
    {":zero", N("0")},
    {":one", N("1")},
    {":x", S("x")},
    {":y", S("y")},
    {":lst", L({S("y")})},
    {":ssz", SS({"z"})},
    {":ssx", SS({"x"})},
    {":ssxy", SS({"y", "x"})},
    {":ns1", NS({"1"})},
    {":ns3", NS({"3", "1"})},
    {":big", N("9.9999999999999999999999999999999999999E+125")},
    {":order_status", S("PLACED")},
    {":order_status_created", S("PLACED#2026-11-25")},
};

model::Item Base() {
  return {
      {"n", N("5")},
      {"s", S("hello")},
      {"l", L({S("x"), N("1")})},
      {"ss", SS({"x", "y"})},
      {"ns", NS({"1", "2"})},
      {"m", M({{"k", S("v")}})},
      {"a", M({{"b", L({N("1"), M({{"c", S("x")}})})}})},
  };
}

// Applies `text` to `item`; returns the item shown, or the error message.
std::string RunUpdate(const std::string& text, model::Item item) {
  RequestExpressions req(&kNames, &kValues);
  auto u = req.Update(text);
  if (!u.ok()) return u.status().message();
  base::Status s = Apply(**u, &item);
  if (!s.ok()) return s.message();
  return Show(item);
}

// Base() with `changes` applied (a null AttributeValue with erase=true removes).
std::string Expect(std::vector<std::pair<std::string, model::AttributeValue>> set,
                   std::vector<std::string> erase = {}) {
  model::Item item = Base();
  for (auto& [k, v] : set) item[k] = v;
  for (auto& k : erase) item.erase(k);
  return Show(item);
}

constexpr char kIncorrectType[] = "An operand in the update expression has an incorrect data type";
constexpr char kInvalidPath[] =
    "The document path provided in the update expression is invalid for update";
constexpr char kMissing[] =
    "The provided expression refers to an attribute that does not exist in the item";

TEST(ApplyTest, Table) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"SET fresh = :one", Expect({{"fresh", N("1")}})},
      {"SET n = n + :one", Expect({{"n", N("6")}})},
      {"SET n = n - :one", Expect({{"n", N("4")}})},
      {"SET n = :one - n", Expect({{"n", N("-4")}})},
      {"SET n = absent + :one", kMissing},
      {"SET n = absent", kMissing},
      {"SET s = s + :one", kIncorrectType},
      {"SET n = :big + :big",
       "Number overflow. Attempting to store a number with magnitude larger than supported range"},
      {"SET c = if_not_exists(c, :zero) + :one", Expect({{"c", N("1")}})},
      {"SET c = if_not_exists(n, :zero)", Expect({{"c", N("5")}})},
      {"SET n = if_not_exists(n, :zero) + :one", Expect({{"n", N("6")}})},
      {"SET l = list_append(l, :lst)", Expect({{"l", L({S("x"), N("1"), S("y")})}})},
      {"SET l = list_append(:lst, l)", Expect({{"l", L({S("y"), S("x"), N("1")})}})},
      {"SET l = list_append(l, s)", kIncorrectType},
      {"SET l[1] = :y", Expect({{"l", L({S("x"), S("y")})}})},
      {"SET l[99] = :y", Expect({{"l", L({S("x"), N("1"), S("y")})}})},
      {"SET l[5] = :x, l[7] = :y", Expect({{"l", L({S("x"), N("1"), S("x"), S("y")})}})},
      {"SET s[0] = :x", kInvalidPath},
      {"SET m.k2 = :one", Expect({{"m", M({{"k", S("v")}, {"k2", N("1")}})}})},
      {"SET m.k = :one", Expect({{"m", M({{"k", N("1")}})}})},
      {"SET a.b[1].c = :y", Expect({{"a", M({{"b", L({N("1"), M({{"c", S("y")}})})}})}})},
      {"SET a.b[0] = :y", Expect({{"a", M({{"b", L({S("y"), M({{"c", S("x")}})})}})}})},
      {"SET absent.x = :one", kInvalidPath},
      {"SET n.x = :one", kInvalidPath},
      {"SET l.x = :one", kInvalidPath},
      {"SET m[0] = :one", kInvalidPath},
      // Operands read the item as it was.
      {"SET n = :one, s = n", Expect({{"n", N("1")}, {"s", N("5")}})},
      {"SET #s = :x", Expect({{"status", S("x")}})},
      {"REMOVE l[0]", Expect({{"l", L({N("1")})}})},
      {"REMOVE l[0], l[1]", Expect({{"l", L({})}})},
      {"REMOVE l[1], l[0]", Expect({{"l", L({})}})},
      {"REMOVE l[5]", Expect({})},
      {"REMOVE a.b[1].c", Expect({{"a", M({{"b", L({N("1"), M({})})}})}})},
      {"REMOVE a.b[0], a.b[1].c", Expect({{"a", M({{"b", L({M({})})}})}})},
      {"REMOVE n, s", Expect({}, {"n", "s"})},
      {"REMOVE absent", Expect({})},
      {"REMOVE m.absent", Expect({})},
      {"REMOVE absent.x", kInvalidPath},
      {"REMOVE n[0]", kInvalidPath},
      {"ADD n :one", Expect({{"n", N("6")}})},
      {"ADD newn :one", Expect({{"newn", N("1")}})},
      {"ADD m.cnt :one", Expect({{"m", M({{"k", S("v")}, {"cnt", N("1")}})}})},
      {"ADD absent.cnt :one", kInvalidPath},
      {"ADD ss :ssz", Expect({{"ss", SS({"x", "y", "z"})}})},
      {"ADD ss :ssx", Expect({})},
      {"ADD ns :ns3", Expect({{"ns", NS({"1", "2", "3"})}})},
      {"ADD newss :ssz", Expect({{"newss", SS({"z"})}})},
      {"ADD ss :one", kIncorrectType},
      {"ADD s :ssz", kIncorrectType},
      {"ADD n :ssz", kIncorrectType},
      {"ADD ns :ssz", kIncorrectType},
      {"DELETE ss :ssx", Expect({{"ss", SS({"y"})}})},
      {"DELETE ss :ssxy", Expect({}, {"ss"})},
      {"DELETE ss :ssz", Expect({})},
      {"DELETE ns :ns1", Expect({{"ns", NS({"2"})}})},
      {"DELETE absent :ssx", Expect({})},
      {"DELETE ss :ns1", kIncorrectType},
      {"DELETE s :ssx", kIncorrectType},
      {"SET n = n + :one REMOVE s ADD ss :ssz DELETE ns :ns1",
       Expect({{"n", N("6")}, {"ss", SS({"x", "y", "z"})}, {"ns", NS({"2"})}}, {"s"})},
      // The seed's update.
      {"SET order_status = :order_status, order_status_created = :order_status_created",
       Expect({{"order_status", S("PLACED")}, {"order_status_created", S("PLACED#2026-11-25")}})},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RunUpdate(c.text, Base()), c.expected) << c.text;
  }
}

TEST(ApplyTest, ListIndexes) {
  model::Item item = {{"a", L({N("2"), N("3"), N("4"), N("5"), N("6"), N("7")})}};
  // REMOVE and SET indexes both name the list as it was.
  EXPECT_EQ(RunUpdate("REMOVE a[1] SET a[3] = :x", item),
            Show({{"a", L({N("2"), N("4"), S("x"), N("6"), N("7")})}}));
  EXPECT_EQ(RunUpdate("SET a[3] = :x REMOVE a[1]", item),
            Show({{"a", L({N("2"), N("4"), S("x"), N("6"), N("7")})}}));
  // A REMOVE past the end stays a no-op even when a SET appends there.
  EXPECT_EQ(RunUpdate("SET a[10] = :x REMOVE a[6]", item),
            Show({{"a", L({N("2"), N("3"), N("4"), N("5"), N("6"), N("7"), S("x")})}}));
  EXPECT_EQ(RunUpdate("SET a[10] = :x REMOVE a[0]", item),
            Show({{"a", L({N("3"), N("4"), N("5"), N("6"), N("7"), S("x")})}}));
  // Appends past the end go in index order, whatever the written order.
  EXPECT_EQ(RunUpdate("SET a[84] = :x, a[37] = :y, a[17] = :one, a[50] = :zero", item),
            Show({{"a", L({N("2"), N("3"), N("4"), N("5"), N("6"), N("7"), N("1"), S("y"), N("0"),
                           S("x")})}}));
}

TEST(ApplyTest, OnEmptyItem) {
  EXPECT_EQ(RunUpdate("SET a = :one, b = :x", {}), Show({{"a", N("1")}, {"b", S("x")}}));
  EXPECT_EQ(RunUpdate("ADD c :one", {}), Show({{"c", N("1")}}));
  EXPECT_EQ(RunUpdate("REMOVE c", {}), Show({}));
  EXPECT_EQ(RunUpdate("SET a.b = :one", {}), kInvalidPath);
  // DynamoDB ignores REMOVE of nested paths when there is no item at all.
  EXPECT_EQ(RunUpdate("REMOVE x.y, z[0]", {}), Show({}));
}

TEST(ApplyTest, TopLevelTargets) {
  RequestExpressions req(&kNames, &kValues);
  auto u = req.Update("SET a.b = :x, c = :x REMOVE d[1] ADD e :one DELETE #s :ssx");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(TopLevelTargets(**u), (std::vector<std::string>{"a", "c", "d", "e", "status"}));
}

TEST(ApplyTest, TreesBuiltInCode) {
  Update update(
      {Update::Set(Path("n"), Operand::Plus(Operand::FromPath(Path("n")), Operand::Value(N("2")))),
       Update::Remove(Path("l").Index(0))});
  model::Item item = Base();
  ASSERT_TRUE(Apply(update, &item).ok());
  EXPECT_EQ(item["n"], N("7"));
  EXPECT_EQ(item["l"], L({N("1")}));
  EXPECT_EQ(DebugString(update), "SET n = (n + {N:2}); REMOVE l[0]");
}

}  // namespace
}  // namespace ordertrack::expr
