#include "api/ensure_table.h"

#include <chrono>
#include <thread>

namespace ordertrack::api {

base::Status CreateTableIfMissing(DynamoDb& db, const CreateTableRequest& request) {
  auto created = db.CreateTable(request);
  if (!created.ok() && created.status().code() != base::ErrorCode::kResourceInUse) {
    return created.status();
  }
  for (int attempt = 0; attempt < 600; ++attempt) {
    OT_ASSIGN_OR_RETURN(auto described, db.DescribeTable({request.table_name}));
    if (described.table_status == model::TableStatus::kActive) return base::Status();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return base::Status(base::ErrorCode::kServiceUnavailable,
                      "table " + request.table_name + " did not become ACTIVE");
}

}  // namespace ordertrack::api
