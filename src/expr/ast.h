// File: expr/ast.h
// The immutable trees that expressions compile into: document paths,
// operands, conditions, updates and projections. The parser builds them with
// #name / :value references still in place; resolution
// (expr/internal/resolve.h) replaces the references, and only resolved trees
// are evaluated. Tests and the engine may also build resolved trees directly
// with the factories below.
//
// Example: attribute_exists(a.b[2]) AND c = :v, resolved:
//   Condition::And(
//       Condition::AttributeExists(Path("a").Field("b").Index(2)),
//       Condition::Compare(CompareOp::kEq, Operand::FromPath(Path("c")),
//                          Operand::Value(AttributeValue::S("x"))));
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/attribute_value.h"

namespace ordertrack::expr {

// A document path has at most this many elements (DynamoDB's limit, and a
// bound on the recursion of every walk over items).
inline constexpr size_t kMaxPathDepth = 32;

// One step of a document path.
struct PathElement {
  enum class Kind : uint8_t {
    kName,     // a literal attribute or map-field name
    kNameRef,  // an unresolved "#n" reference (only in parsed, unresolved trees)
    kIndex,    // a list index
  };
  Kind kind = Kind::kName;
  std::string name;  // kName: the name; kNameRef: "#n"
  uint32_t index = 0;

  bool is_index() const { return kind == Kind::kIndex; }
  friend bool operator==(const PathElement&, const PathElement&) = default;
};

// A document path: an attribute name, then .field and [index] elements.
class Path {
 public:
  Path() = default;
  // A top-level attribute.
  explicit Path(std::string attribute);
  explicit Path(std::vector<PathElement> elements) : elements_(std::move(elements)) {}
  static Path NameRef(std::string ref);  // "#n"

  // Appends an element; returns *this for chaining.
  Path& Field(std::string name);
  Path& Index(uint32_t index);

  const std::vector<PathElement>& elements() const { return elements_; }
  size_t size() const { return elements_.size(); }
  bool empty() const { return elements_.empty(); }
  // The top-level attribute name. REQUIRES: !empty() and elements()[0] is kName.
  const std::string& attribute() const { return elements_[0].name; }

  // DynamoDB's form in messages: "[a, b, [2]]".
  std::string ToString() const;

  friend bool operator==(const Path&, const Path&) = default;

 private:
  std::vector<PathElement> elements_;
};

// A value-producing part of an expression.
class Operand {
 public:
  enum class Kind : uint8_t {
    kPath,         // the value at a document path
    kValue,        // a literal (an ExpressionAttributeValue, resolved)
    kValueRef,     // an unresolved ":v" reference
    kSize,         // size(operand)
    kIfNotExists,  // if_not_exists(path, operand)
    kListAppend,   // list_append(operand, operand)
    kPlus,         // operand + operand
    kMinus,        // operand - operand
  };

  Operand() = default;  // an empty path; only as a placeholder
  static Operand FromPath(Path path);
  static Operand Value(model::AttributeValue value);
  static Operand ValueRef(std::string ref);
  static Operand Size(Operand arg);
  static Operand IfNotExists(Path path, Operand fallback);
  static Operand ListAppend(Operand a, Operand b);
  static Operand Plus(Operand a, Operand b);
  static Operand Minus(Operand a, Operand b);

  Kind kind() const { return kind_; }
  // kPath; kIfNotExists's path.
  const Path& path() const { return path_; }
  // kValue.
  const model::AttributeValue& value() const { return value_; }
  // kValueRef: ":v".
  const std::string& ref() const { return ref_; }
  // Function and operator arguments (kSize: 1; kIfNotExists: the fallback;
  // kListAppend, kPlus, kMinus: 2).
  const std::vector<Operand>& args() const { return args_; }

  friend bool operator==(const Operand&, const Operand&) = default;

 private:
  Kind kind_ = Kind::kPath;
  Path path_;
  model::AttributeValue value_;
  std::string ref_;
  std::vector<Operand> args_;
};

enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// "=", "<>", "<", "<=", ">", ">=".
std::string_view CompareOpText(CompareOp op);

class Condition {
 public:
  enum class Kind : uint8_t {
    kCompare,             // operands[0] op operands[1]
    kBetween,             // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,                  // operands[0] IN (operands[1..])
    kAnd,                 // children[0] AND children[1]
    kOr,                  // children[0] OR children[1]
    kNot,                 // NOT children[0]
    kAttributeExists,     // attribute_exists(operands[0]), a path
    kAttributeNotExists,  // attribute_not_exists(operands[0]), a path
    kAttributeType,       // attribute_type(operands[0], operands[1])
    kBeginsWith,          // begins_with(operands[0], operands[1])
    kContains,            // contains(operands[0], operands[1])
  };

  Condition() = default;  // attribute_exists of an empty path: always false
  static Condition Compare(CompareOp op, Operand a, Operand b);
  static Condition Between(Operand a, Operand low, Operand high);
  static Condition In(Operand a, std::vector<Operand> list);
  static Condition And(Condition a, Condition b);
  static Condition Or(Condition a, Condition b);
  static Condition Not(Condition a);
  static Condition AttributeExists(Path path);
  static Condition AttributeNotExists(Path path);
  static Condition AttributeType(Operand a, Operand type);
  static Condition BeginsWith(Operand a, Operand prefix);
  static Condition Contains(Operand a, Operand b);

  Kind kind() const { return kind_; }
  // kCompare only.
  CompareOp op() const { return op_; }
  const std::vector<Operand>& operands() const { return operands_; }
  const std::vector<Condition>& children() const { return children_; }

  friend bool operator==(const Condition&, const Condition&) = default;

 private:
  Kind kind_ = Kind::kAttributeExists;
  CompareOp op_ = CompareOp::kEq;
  std::vector<Operand> operands_;
  std::vector<Condition> children_;
};

// One action of an update.
struct UpdateAction {
  enum class Kind : uint8_t {
    kSet,     // SET path = value
    kRemove,  // REMOVE path (value unused)
    kAdd,     // ADD path value
    kDelete,  // DELETE path value
  };
  Kind kind = Kind::kSet;
  Path path;
  Operand value;

  friend bool operator==(const UpdateAction&, const UpdateAction&) = default;
};

class Update {
 public:
  Update() = default;
  explicit Update(std::vector<UpdateAction> actions) : actions_(std::move(actions)) {}

  static UpdateAction Set(Path path, Operand value);
  static UpdateAction Remove(Path path);
  static UpdateAction Add(Path path, Operand value);
  static UpdateAction Delete(Path path, Operand value);

  const std::vector<UpdateAction>& actions() const { return actions_; }

  // True for updates compiled from legacy AttributeUpdates, whose ADD also
  // appends to lists (an expression's ADD takes only numbers and sets).
  bool legacy() const { return legacy_; }
  void set_legacy(bool legacy) { legacy_ = legacy; }

  friend bool operator==(const Update&, const Update&) = default;

 private:
  std::vector<UpdateAction> actions_;
  bool legacy_ = false;
};

class Projection {
 public:
  Projection() = default;
  explicit Projection(std::vector<Path> paths) : paths_(std::move(paths)) {}

  const std::vector<Path>& paths() const { return paths_; }

  friend bool operator==(const Projection&, const Projection&) = default;

 private:
  std::vector<Path> paths_;
};

// The paths an update writes, as projections for UPDATED_OLD (`before`:
// every action's path) and UPDATED_NEW (`after`: all but REMOVE's, since a
// removed list element's index names, afterwards, the element that moved
// into its place, and a removed attribute has no new value).
struct UpdatedPaths {
  Projection before, after;
};

// Readable forms for tests and logs, e.g. "(a.b[1] = {S:x} AND attribute_exists(c))",
// "SET a = (b + {N:1}); REMOVE c". References print as written (#n, :v).
std::string DebugString(const Path& path);
std::string DebugString(const Operand& operand);
std::string DebugString(const Condition& condition);
std::string DebugString(const Update& update);
std::string DebugString(const Projection& projection);

}  // namespace ordertrack::expr
