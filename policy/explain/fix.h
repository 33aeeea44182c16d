// File: policy/explain/fix.h
//
// Fixes for a denied request, as data (found and verified by policy/fix;
// rendered by the text and JSON reports). A fix is one or more edits that
// together make the request succeed — both sides of a cross-account grant
// are one fix — each an RFC 6902 JSON Patch against an input file exactly
// as written, with the equivalent AWS CLI command when there is one.
#ifndef IAMSIM_POLICY_EXPLAIN_FIX_H_
#define IAMSIM_POLICY_EXPLAIN_FIX_H_

#include <string>
#include <vector>

#include "policy/json/json_patch.h"

namespace iamsim {

enum class FixOwnerKind { kCaller, kResourceOwner, kManagementAccount };
// "caller-account", "resource-owner", "management-account".
absl::string_view FixOwnerKindName(FixOwnerKind kind);

// Who must make an edit.
struct FixOwner {
  FixOwnerKind kind = FixOwnerKind::kCaller;
  std::string account;  // "" when unknown.
  std::string target;   // Organization level (r-..., ou-..., account) for SCP/RCP edits.
};

struct FixEdit {
  FixOwner owner;
  std::string file;     // "" when no input file holds what changes (see instruction).
  JsonPatch patch;      // Against `file`; empty when file is "".
  std::string command;  // AWS CLI; "" when there is no equivalent command.
  // What to do where no file can be patched (worlds: a change to the call,
  // `--context KEY=VALUE`; a policy the world holds no file for yet); "" otherwise.
  std::string instruction;
};

struct Fix {
  std::string summary;
  std::vector<FixEdit> edits;
};

struct FixReport {
  std::vector<Fix> fixes;  // Verified: each turns the answer into Allow, strangers stay denied.
  // Why a blocker has no safe fix (e.g. the root user assuming a role).
  std::vector<std::string> unfixable;
  // How a person applies fix N to the inputs ("" for the simulate hint).
  std::string apply_hint;
};

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EXPLAIN_FIX_H_
