// File: orders/internal/cursor.h
// ListCursor: where a listing of orders merged over several statuses stopped,
// per status. Encoded opaque (base64url) with a checksum and bound to the
// listing it came from, so a cursor that is not ours, or one from another
// listing, is refused rather than misread.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/result.h"
#include "orders/order.h"

namespace ordertrack::orders {

struct ListCursor {
  // What the cursor belongs to: e.g. "u:<user id>|101,201|newest".
  std::string listing;
  struct Position {
    bool exhausted = false;
    std::string status_created;  // the last order returned of this status
    std::string order_id;
  };
  // Statuses absent here have not been read yet.
  std::map<OrderStatus, Position> positions;
};

std::string EncodeCursor(const ListCursor& cursor);
// ValidationException "The cursor is not valid for this listing" when
// `text` is not a cursor of ours or belongs to another listing.
base::Result<ListCursor> DecodeCursor(std::string_view text, std::string_view listing);

}  // namespace ordertrack::orders
