// File: bench/seed_order.h
// One of the seed's orders as an item, for the micro-benchmarks: the
// attributes and value shapes the seed's put_item writes.
#pragma once

#include <string>

#include "model/attribute_value.h"

namespace ordertrack::bench {

// `id_suffix` (12 hex digits) makes order ids differ.
inline model::Item SeedOrder(const std::string& id_suffix = "65b9ab000110") {
  using model::AttributeValue;
  return {{"order_id", AttributeValue::S("f14e47c3-0232-430c-b79c-" + id_suffix)},
          {"user_id", AttributeValue::S("e7aa25d8-2b1b-4fea-a735-4dbeeff06aaa")},
          {"product_id", AttributeValue::S("ad3ffb1e-f3eb-46bc-bebc-201034f757e6")},
          {"created", AttributeValue::NumberFromText("1428791681.123456")},
          {"order_status", AttributeValue::NumberFromText("101")},
          {"order_status_created", AttributeValue::S("101_1428791681.123456")}};
}

}  // namespace ordertrack::bench
