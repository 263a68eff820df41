// Projection: the parts of an item that a ProjectionExpression or
// AttributesToGet selects. Nested paths keep their structure; selected list
// elements come back in index order, compacted (a[3], a[1] gives [a[1], a[3]]).
#include <map>
#include <set>

#include "expr/ast.h"
#include "expr/expression.h"
#include "expr/internal/value_ops.h"

namespace ordertrack::expr {
namespace {

using model::AttributeValue;
using model::Type;

// The selected parts of one value: either all of it (leaf) or some fields
// of a map or some elements of a list.
struct Selection {
  const AttributeValue* leaf = nullptr;
  bool is_list = false;
  std::map<std::string, Selection, std::less<>> fields;
  std::map<uint32_t, Selection> elements;

  AttributeValue Build() const {
    if (leaf != nullptr) return *leaf;
    if (is_list) {
      model::List list;
      for (const auto& [index, sel] : elements) list.push_back(sel.Build());
      return AttributeValue::L(std::move(list));
    }
    model::Map map;
    for (const auto& [name, sel] : fields) map.emplace(name, sel.Build());
    return AttributeValue::M(std::move(map));
  }
};

// Adds `path` (from element `i` on, inside value `v`) to `sel`.
void Select(const Path& path, size_t i, const AttributeValue& v, Selection* sel) {
  if (sel->leaf != nullptr) return;  // already selected whole
  if (i == path.size()) {
    sel->leaf = &v;
    sel->fields.clear();
    sel->elements.clear();
    return;
  }
  const PathElement& e = path.elements()[i];
  if (e.is_index()) {
    if (!v.is(Type::kL) || e.index >= v.l().size()) return;
    if (!sel->fields.empty()) return;  // conflicting shapes: keep the first
    sel->is_list = true;
    Select(path, i + 1, v.l()[e.index], &sel->elements[e.index]);
  } else {
    if (!v.is(Type::kM) || sel->is_list) return;
    auto it = v.m().find(e.name);
    if (it == v.m().end()) return;
    Select(path, i + 1, it->second, &sel->fields[e.name]);
  }
}

}  // namespace

model::Item Project(const Projection& projection, const model::Item& item) {
  std::map<std::string, Selection, std::less<>> top;
  for (const Path& path : projection.paths()) {
    if (internal::Find(item, path) == nullptr) continue;
    auto it = item.find(path.attribute());
    Select(path, 1, it->second, &top[path.attribute()]);
  }
  model::Item out;
  for (const auto& [name, sel] : top) {
    if (sel.leaf == nullptr && sel.fields.empty() && sel.elements.empty()) continue;
    out.emplace(name, sel.Build());
  }
  return out;
}

std::vector<std::string> TopLevelNames(const Projection& projection) {
  std::set<std::string> names;
  for (const Path& path : projection.paths()) {
    if (!path.empty()) names.insert(path.elements()[0].name);
  }
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace ordertrack::expr
