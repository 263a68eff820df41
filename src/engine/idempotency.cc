#include "engine/internal/idempotency.h"

#include "base/result.h"
#include "model/item_codec.h"

namespace ordertrack::engine {
namespace {

void Append(std::string_view s, std::string* out) {
  out->append(std::to_string(s.size())).append(":").append(s);
}

void AppendOptional(const std::optional<std::string>& s, std::string* out) {
  out->push_back(s ? '+' : '-');
  if (s) Append(*s, out);
}

void AppendExpression(const api::ExpressionParams& e, std::string* out) {
  out->push_back(e.expression_attribute_names ? '+' : '-');
  if (e.expression_attribute_names) {
    for (const auto& [k, v] : *e.expression_attribute_names) {
      Append(k, out);
      Append(v, out);
    }
  }
  out->push_back(e.expression_attribute_values ? '+' : '-');
  if (e.expression_attribute_values) Append(model::EncodeItem(*e.expression_attribute_values), out);
}

}  // namespace

std::string IdempotencyTokens::Fingerprint(const api::TransactWriteItemsRequest& request) {
  std::string out;
  for (const auto& item : request.transact_items) {
    out.push_back(static_cast<char>('0' + item.index()));
    std::visit(
        [&](const auto& w) {
          using T = std::decay_t<decltype(w)>;
          Append(w.table_name, &out);
          if constexpr (std::is_same_v<T, api::TransactPut>) {
            Append(model::EncodeItem(w.item), &out);
          } else {
            Append(model::EncodeItem(w.key), &out);
          }
          if constexpr (std::is_same_v<T, api::TransactConditionCheck>) {
            Append(w.condition_expression, &out);
          } else {
            AppendOptional(w.condition_expression, &out);
          }
          if constexpr (std::is_same_v<T, api::TransactUpdate>) Append(w.update_expression, &out);
          AppendExpression(w.expression, &out);
          out.push_back(static_cast<char>('0' + static_cast<int>(w.return_values_on_condition_check_failure)));
        },
        item);
  }
  return out;
}

base::Result<IdempotencyTokens::Seen> IdempotencyTokens::Check(
    const std::string& token, const api::TransactWriteItemsRequest& request, double now,
    TableUnits* units) {
  base::MutexLock lock(mu_);
  std::erase_if(entries_, [&](const auto& e) { return e.second.at + kWindowSeconds < now; });
  auto it = entries_.find(token);
  if (it == entries_.end()) return Seen::kNew;
  if (it->second.fingerprint != Fingerprint(request)) {
    return base::Status(base::ErrorCode::kIdempotentParameterMismatch,
                        "The request uses the same client token as a previous, but non-identical "
                        "request. Do not reuse a client token with different requests, unless the "
                        "requests are identical.");
  }
  *units = it->second.units;
  return Seen::kRepeat;
}

void IdempotencyTokens::Remember(const std::string& token,
                                 const api::TransactWriteItemsRequest& request, double now,
                                 TableUnits units) {
  base::MutexLock lock(mu_);
  entries_[token] = {Fingerprint(request), now, std::move(units)};
}

}  // namespace ordertrack::engine
