// File: engine/group_commit_dynamodb.h
// GroupCommitDynamoDb: api::DynamoDb over an EmbeddedDynamoDb for a server
// whose worker threads each own a WriteGroup (write_group.h). On a thread
// bound to a group, the single-item writes join the group, and every other
// operation stores the group first, so the thread reads its own writes. On
// any other thread it is the engine itself. Which operations join is not a
// list kept here: it is every operation for which the engine has an
// overload that takes a group.
#pragma once

#include "api/dynamodb.h"
#include "engine/embedded_dynamodb.h"
#include "engine/write_group.h"

namespace ordertrack::engine {

class GroupCommitDynamoDb final : public api::DynamoDb {
 public:
  explicit GroupCommitDynamoDb(EmbeddedDynamoDb& db) : db_(db) {}

  OT_DYNAMODB_OVERRIDES()

  // Makes `group` (one of this store's, or nullptr for none) the calling
  // thread's until it binds another.
  void BindToThisThread(WriteGroup* group);
  // The group bound to the calling thread for this store, or nullptr.
  WriteGroup* BoundToThisThread() const;

 private:
  EmbeddedDynamoDb& db_;
};

}  // namespace ordertrack::engine
