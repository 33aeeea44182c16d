// File: policy/fix/world_fixes.h
//
// Fixes for a denied world question (`iamsim can`), as edits of the world's
// own files. The question is written as a simulation file (SimulationJson);
// FindFixes finds and verifies fixes on it exactly as `iamsim simulate`
// does; then each edit is carried back to the world file the edited policy
// came from (SimulationSlots, CompiledPolicy::document().origin):
//  - an edit of a policy document: its operations rebased onto the
//    document's pointer in the world file when the document is an object,
//    or one test + replace of the whole string, in the same encoding, when
//    it is a JSON or URL-encoded string (a get-policy "Policy", a dump's
//    encoded PolicyDocument);
//  - a new inline policy of the caller: added to the RolePolicyList or
//    UserPolicyList of its entry in the GAAD file;
//  - a resource policy the world holds no file for (a function without a
//    get-policy file, another service's resource): no patch — the AWS CLI
//    command, and an instruction saying where the file appears after the
//    next collect;
//  - a change of the request context: no patch — an instruction
//    (`--context KEY=VALUE`).
// Every carried patch is checked before it is shown: it applies to the
// world file (after the fix's earlier edits), and the document it leaves
// there is the one FindFixes verified. A fix with an edit that cannot be
// carried is dropped, and `unfixable` says so. Owners and commands are
// FindFixes's, completed with what the world knows: an SCP or RCP edit's
// organization level, `aws iam create-policy-version` for a managed policy.
//
// Thread-safety: pure, but reads the world's files again (they must be as
// they were when the world was loaded). Cost: FindFixes on one question.
#ifndef IAMSIM_POLICY_FIX_WORLD_FIXES_H_
#define IAMSIM_POLICY_FIX_WORLD_FIXES_H_

#include "policy/explain/fix.h"
#include "policy/world/world.h"

namespace iamsim {

FixReport FindWorldFixes(const WorldQuestion& question);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_FIX_WORLD_FIXES_H_
