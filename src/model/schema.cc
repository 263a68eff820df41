#include "model/schema.h"

namespace ordertrack::model {
namespace {

std::string_view StatusName(uint8_t s) {
  switch (s) {
    case 1:
      return "CREATING";
    case 2:
      return "UPDATING";
    case 3:
      return "DELETING";
    default:
      return "ACTIVE";
  }
}

}  // namespace

std::string_view IndexStatusName(IndexStatus s) { return StatusName(static_cast<uint8_t>(s)); }
std::string_view TableStatusName(TableStatus s) { return StatusName(static_cast<uint8_t>(s)); }

std::string_view ProjectionTypeName(ProjectionType t) {
  switch (t) {
    case ProjectionType::kAll:
      return "ALL";
    case ProjectionType::kKeysOnly:
      return "KEYS_ONLY";
    case ProjectionType::kInclude:
      return "INCLUDE";
  }
  return "ALL";
}

}  // namespace ordertrack::model
