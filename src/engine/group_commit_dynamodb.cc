#include "engine/group_commit_dynamodb.h"

namespace ordertrack::engine {
namespace {

struct Binding {
  const GroupCommitDynamoDb* db = nullptr;
  WriteGroup* group = nullptr;
};
thread_local Binding bound;

}  // namespace

void GroupCommitDynamoDb::BindToThisThread(WriteGroup* group) { bound = {this, group}; }

WriteGroup* GroupCommitDynamoDb::BoundToThisThread() const {
  return bound.db == this ? bound.group : nullptr;
}

// Each operation: with the engine's group overload when it has one, else
// after storing the thread's group. A generic lambda, so that the branch not
// taken is never compiled.
#define OT_GROUP_COMMIT_CALL(Name, RequestType, ResponseType)                                \
  base::Result<ResponseType> GroupCommitDynamoDb::Name(const RequestType& request) {         \
    WriteGroup* group = BoundToThisThread();                                                 \
    auto call = [&](const auto& r) -> base::Result<ResponseType> {                           \
      if constexpr (requires { db_.Name(r, group); }) {                                      \
        return db_.Name(r, group);                                                           \
      } else {                                                                               \
        if (group != nullptr) group->StoreAndRelease();                                      \
        return db_.Name(r);                                                                  \
      }                                                                                      \
    };                                                                                       \
    return call(request);                                                                    \
  }
OT_DYNAMODB_ALL_OPERATIONS(OT_GROUP_COMMIT_CALL)
#undef OT_GROUP_COMMIT_CALL

}  // namespace ordertrack::engine
