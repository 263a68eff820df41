// Update application with DynamoDB's semantics: every operand reads the item
// as it was before the update; SET on a list index past the end appends;
// REMOVE of list elements uses the original indexes (elements shift after);
// ADD creates missing numbers and sets; DELETE removes a set that empties.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
#include <algorithm>
#include <set>

#include "expr/ast.h"
#include "expr/expression.h"
#include "expr/internal/value_ops.h"

namespace ordertrack::expr {
namespace {

using base::Result;
using base::Status;
using base::ValidationError;
using model::AttributeValue;
using model::Type;

constexpr std::string_view kIncorrectType =
    "An operand in the update expression has an incorrect data type";
constexpr std::string_view kInvalidPath =
    "The document path provided in the update expression is invalid for update";
constexpr std::string_view kMissingAttribute =
    "The provided expression refers to an attribute that does not exist in the item";

// Where the last element of a path lives: a map (the item itself for
// top-level paths) or a list.
struct Slot {
  model::Map* map = nullptr;
  model::List* list = nullptr;
  const PathElement* last = nullptr;

  AttributeValue* Get() const {
    if (map != nullptr) {
      auto it = map->find(last->name);
      return it == map->end() ? nullptr : &it->second;
    }
    return last->index < list->size() ? &(*list)[last->index] : nullptr;
  }
  void Put(AttributeValue v) const {
    if (map != nullptr) {
      (*map)[last->name] = std::move(v);
    } else if (last->index < list->size()) {
      (*list)[last->index] = std::move(v);
    } else {
      list->push_back(std::move(v));
    }
  }
  void Erase() const {
    if (map != nullptr) {
      map->erase(last->name);
    } else if (last->index < list->size()) {
      list->erase(list->begin() + last->index);
    }
  }
};

// The slot of `path`'s last element; every earlier step must exist with the
// right type. nullopt when it does not.
std::optional<Slot> FindSlot(model::Item* item, const Path& path) {
  const auto& elements = path.elements();
  if (elements.empty() || elements[0].kind != PathElement::Kind::kName) return std::nullopt;
  Slot slot;
  slot.map = item;
  slot.last = &elements[0];
  for (size_t i = 1; i < elements.size(); ++i) {
    AttributeValue* v = slot.Get();
    if (v == nullptr) return std::nullopt;
    const PathElement& e = elements[i];
    if (e.kind == PathElement::Kind::kIndex) {
      if (!v->is(Type::kL)) return std::nullopt;
      slot.map = nullptr;
      slot.list = &v->mutable_l();
    } else if (e.kind == PathElement::Kind::kName) {
      if (!v->is(Type::kM)) return std::nullopt;
      slot.list = nullptr;
      slot.map = &v->mutable_m();
    } else {
      return std::nullopt;
    }
    slot.last = &e;
  }
  return slot;
}

Result<AttributeValue> EvaluateSetOperand(const Operand& operand, const model::Item& item) {
  switch (operand.kind()) {
    case Operand::Kind::kPath: {
      const AttributeValue* v = internal::Find(item, operand.path());
      if (v == nullptr) return ValidationError(std::string(kMissingAttribute));
      return *v;
    }
    case Operand::Kind::kValue:
      return operand.value();
    case Operand::Kind::kIfNotExists: {
      const AttributeValue* v = internal::Find(item, operand.path());
      if (v != nullptr) return *v;
      return EvaluateSetOperand(operand.args()[0], item);
    }
    case Operand::Kind::kListAppend: {
      OT_ASSIGN_OR_RETURN(AttributeValue a, EvaluateSetOperand(operand.args()[0], item));
      OT_ASSIGN_OR_RETURN(AttributeValue b, EvaluateSetOperand(operand.args()[1], item));
      if (!a.is(Type::kL) || !b.is(Type::kL)) return ValidationError(std::string(kIncorrectType));
      model::List out = a.l();
      out.insert(out.end(), b.l().begin(), b.l().end());
      return AttributeValue::L(std::move(out));
    }
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      OT_ASSIGN_OR_RETURN(AttributeValue a, EvaluateSetOperand(operand.args()[0], item));
      OT_ASSIGN_OR_RETURN(AttributeValue b, EvaluateSetOperand(operand.args()[1], item));
      if (!a.is(Type::kN) || !b.is(Type::kN)) return ValidationError(std::string(kIncorrectType));
      OT_ASSIGN_OR_RETURN(model::Number n, operand.kind() == Operand::Kind::kPlus
                                               ? a.n().Add(b.n())
                                               : a.n().Subtract(b.n()));
      return AttributeValue::N(std::move(n));
    }
    default:
      return ValidationError(std::string(kIncorrectType));
  }
}

// Appends to `into` the elements of `add` it lacks (same set type).
template <typename T>
void Union(std::vector<T>* into, const std::vector<T>& add) {
  for (const T& x : add) {
    if (std::find(into->begin(), into->end(), x) == into->end()) into->push_back(x);
  }
}

template <typename T>
void Difference(std::vector<T>* from, const std::vector<T>& remove) {
  from->erase(std::remove_if(from->begin(), from->end(),
                             [&](const T& x) {
                               return std::find(remove.begin(), remove.end(), x) != remove.end();
                             }),
              from->end());
}

Status ApplyAdd(const Slot& slot, const AttributeValue& value, bool legacy) {
  AttributeValue* existing = slot.Get();
  bool list_ok = legacy && value.is(Type::kL);
  if (!value.is(Type::kN) && !value.is_set() && !list_ok) {
    return ValidationError(std::string(kIncorrectType));
  }
  if (existing == nullptr) {
    slot.Put(value);
    return Status::Ok();
  }
  if (existing->type() != value.type()) return ValidationError(std::string(kIncorrectType));
  switch (value.type()) {
    case Type::kN: {
      OT_ASSIGN_OR_RETURN(model::Number sum, existing->n().Add(value.n()));
      *existing = AttributeValue::N(std::move(sum));
      return Status::Ok();
    }
    case Type::kSS:
    case Type::kBS:
      Union(&existing->mutable_strings(), value.strings());
      return Status::Ok();
    case Type::kNS:
      Union(&existing->mutable_numbers(), value.numbers());
      return Status::Ok();
    case Type::kL:
      for (const AttributeValue& v : value.l()) existing->mutable_l().push_back(v);
      return Status::Ok();
    default:
      return ValidationError(std::string(kIncorrectType));
  }
}

Status ApplyDelete(const Slot& slot, const AttributeValue& value) {
  if (!value.is_set()) return ValidationError(std::string(kIncorrectType));
  AttributeValue* existing = slot.Get();
  if (existing == nullptr) return Status::Ok();
  if (existing->type() != value.type()) return ValidationError(std::string(kIncorrectType));
  bool empty;
  if (value.is(Type::kNS)) {
    Difference(&existing->mutable_numbers(), value.numbers());
    empty = existing->numbers().empty();
  } else {
    Difference(&existing->mutable_strings(), value.strings());
    empty = existing->strings().empty();
  }
  if (empty) slot.Erase();
  return Status::Ok();
}

// Orders REMOVE paths so that, within one list, higher indexes go first and
// the lower indexes still name the original elements.
bool RemoveBefore(const Path* a, const Path* b) {
  const auto& x = a->elements();
  const auto& y = b->elements();
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (x[i] == y[i]) continue;
    if (x[i].is_index() && y[i].is_index()) return x[i].index > y[i].index;
    if (x[i].is_index() != y[i].is_index()) return x[i].is_index();
    return x[i].name < y[i].name;
  }
  return x.size() > y.size();
}

// Orders SET paths so that appends past the end of one list happen in index
// order ("the elements are sorted in order by element number"). Paths of
// one update never overlap, so the order is otherwise immaterial.
bool SetBefore(const Path* a, const Path* b) {
  const auto& x = a->elements();
  const auto& y = b->elements();
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (x[i] == y[i]) continue;
    if (x[i].is_index() && y[i].is_index()) return x[i].index < y[i].index;
    if (x[i].is_index() != y[i].is_index()) return x[i].is_index();
    return x[i].name < y[i].name;
  }
  return x.size() < y.size();
}

}  // namespace

Status Apply(const Update& update, model::Item* item) {
  // An update of a missing item ignores REMOVEs of nested paths, as DynamoDB does.
  const bool no_item = item->empty();
  // Operands and REMOVE's list indexes refer to the item as it was before
  // the update, so both are settled before anything changes: a REMOVE of an
  // element past the end stays a no-op even if a SET appends there.
  std::vector<std::pair<const Path*, AttributeValue>> sets;
  std::vector<const Path*> removes;
  for (const UpdateAction& action : update.actions()) {
    if (action.kind == UpdateAction::Kind::kSet) {
      OT_ASSIGN_OR_RETURN(AttributeValue v, EvaluateSetOperand(action.value, *item));
      sets.emplace_back(&action.path, std::move(v));
    } else if (action.kind == UpdateAction::Kind::kRemove) {
      std::optional<Slot> slot = FindSlot(item, action.path);
      if (!slot) {
        if (no_item) continue;
        return ValidationError(std::string(kInvalidPath));
      }
      if (slot->Get() != nullptr) removes.push_back(&action.path);
    }
  }
  std::stable_sort(sets.begin(), sets.end(),
                   [](const auto& a, const auto& b) { return SetBefore(a.first, b.first); });
  for (auto& [path, value] : sets) {
    std::optional<Slot> slot = FindSlot(item, *path);
    if (!slot) return ValidationError(std::string(kInvalidPath));
    slot->Put(std::move(value));
  }
  for (const UpdateAction& action : update.actions()) {
    if (action.kind != UpdateAction::Kind::kAdd && action.kind != UpdateAction::Kind::kDelete) {
      continue;
    }
    std::optional<Slot> slot = FindSlot(item, action.path);
    if (!slot) return ValidationError(std::string(kInvalidPath));
    AttributeValue scratch;
    const AttributeValue* v = internal::EvaluateOperand(action.value, *item, &scratch);
    if (v == nullptr) return ValidationError(std::string(kIncorrectType));
    if (action.kind == UpdateAction::Kind::kAdd) {
      OT_RETURN_IF_ERROR(ApplyAdd(*slot, *v, update.legacy()));
    } else {
      OT_RETURN_IF_ERROR(ApplyDelete(*slot, *v));
    }
  }
  // Within one list, higher indexes go first so lower ones still name the
  // original elements.
  std::stable_sort(removes.begin(), removes.end(), RemoveBefore);
  for (const Path* path : removes) {
    std::optional<Slot> slot = FindSlot(item, *path);
    if (slot) slot->Erase();
  }
  return Status::Ok();
}

UpdatedPaths PathsWritten(const Update& update) {
  std::vector<Path> before, after;
  for (const UpdateAction& action : update.actions()) {
    before.push_back(action.path);
    if (action.kind != UpdateAction::Kind::kRemove) after.push_back(action.path);
  }
  return {Projection(std::move(before)), Projection(std::move(after))};
}

std::vector<std::string> TopLevelTargets(const Update& update) {
  std::set<std::string> names;
  for (const UpdateAction& action : update.actions()) {
    if (!action.path.empty()) names.insert(action.path.elements()[0].name);
  }
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace ordertrack::expr
