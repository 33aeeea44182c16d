#include "policy/evaluate/principal_match.h"

#include "policy/arn/byte_scan.h"

namespace iamsim {
namespace {

// Whether the entry is in the caller's partition: an ARN's own, or for a
// bare account id the resource's.
bool SamePartition(const PrincipalEntry& entry, const Caller& caller) {
  return entry.partition == kResourcePartition ? caller.in_resource_partition
                                               : entry.partition == caller.partition_id;
}

// How `entry` names `caller`, or kGrantNone.
uint8_t EntryGrant(const PrincipalEntry& entry, const Caller& caller) {
  bool named = false;
  uint8_t grant = kGrantDirect;
  switch (entry.form) {
    case PrincipalForm::kEveryone:
      named = true;
      // A GetFederationToken session gets permissions only from its session
      // policy or a resource policy that names the session itself; "*" does
      // not, so it counts like a grant to the entity (limited by the session
      // policy). IAM User Guide, "Permissions for GetFederationToken".
      if (caller.type == CallerType::kFederatedUser) grant = kGrantEntity;
      break;
    case PrincipalForm::kAccount:
      named = caller.is_iam() && ShortEquals(caller.account, entry.account) &&
              SamePartition(entry, caller);
      grant = kGrantAccount;
      break;
    case PrincipalForm::kUser:
      named = caller.type == CallerType::kUser && ShortEquals(caller.arn, entry.value);
      break;
    case PrincipalForm::kRole:
      named = caller.type == CallerType::kRole && ShortEquals(caller.account, entry.account) &&
              ShortEquals(caller.name, entry.name) && SamePartition(entry, caller);
      grant = kGrantEntity;
      break;
    case PrincipalForm::kUniqueId:
      named = !caller.unique_id.empty() && ShortEquals(caller.unique_id, entry.value);
      if (caller.type == CallerType::kRole) grant = kGrantEntity;
      break;
    case PrincipalForm::kRoleSession:
    case PrincipalForm::kFederatedUser:
      named = (caller.type == CallerType::kRole || caller.type == CallerType::kFederatedUser) &&
              ShortEquals(caller.arn, entry.value);
      break;
    case PrincipalForm::kService:
      named = caller.type == CallerType::kService && ShortEquals(caller.name, entry.value);
      break;
    case PrincipalForm::kOther:
      named = ShortEquals(caller.arn, entry.value);
      break;
  }
  return named ? grant : kGrantNone;
}

bool Listed(const PrincipalMatcher& matcher, PrincipalForm form, const Caller& caller) {
  for (const PrincipalEntry& entry : matcher.entries) {
    if (entry.form == PrincipalForm::kEveryone) return true;
    if (entry.form != form) continue;
    switch (form) {
      case PrincipalForm::kAccount:
        if (ShortEquals(entry.account, caller.account) && SamePartition(entry, caller)) {
          return true;
        }
        break;
      case PrincipalForm::kRole:
        if (ShortEquals(entry.account, caller.account) && ShortEquals(entry.name, caller.name) &&
            SamePartition(entry, caller)) {
          return true;
        }
        break;
      case PrincipalForm::kService:
        if (ShortEquals(entry.value, caller.name)) return true;
        break;
      default:
        if (ShortEquals(entry.value, caller.arn)) return true;
        break;
    }
  }
  return false;
}

// Whether every identity AWS evaluates for the caller is listed.
bool Exempt(const PrincipalMatcher& matcher, const Caller& caller) {
  auto listed = [&](PrincipalForm form) { return Listed(matcher, form, caller); };
  switch (caller.type) {
    case CallerType::kAnonymous:
      return listed(PrincipalForm::kEveryone);
    case CallerType::kService:
      return listed(PrincipalForm::kService);
    case CallerType::kRoot:
      return listed(PrincipalForm::kAccount);
    case CallerType::kUser:
      return listed(PrincipalForm::kAccount) && listed(PrincipalForm::kUser);
    case CallerType::kFederatedUser:
      return listed(PrincipalForm::kAccount) && listed(PrincipalForm::kFederatedUser);
    case CallerType::kRole:
      return listed(PrincipalForm::kAccount) && listed(PrincipalForm::kRole) &&
             (caller.session_name.empty() || listed(PrincipalForm::kRoleSession));
  }
  return false;
}

}  // namespace

PrincipalMatch MatchPrincipal(const PrincipalMatcher& matcher, const Caller& caller,
                              bool caller_has_boundary) {
  PrincipalMatch match;
  switch (matcher.mode) {
    case PrincipalMatcher::Mode::kNone:
      match.applies = true;
      break;
    case PrincipalMatcher::Mode::kPrincipal:
      for (const PrincipalEntry& entry : matcher.entries) {
        match.grants |= EntryGrant(entry, caller);
      }
      match.applies = match.grants != kGrantNone;
      break;
    case PrincipalMatcher::Mode::kNotPrincipal:
      match.applies = (caller_has_boundary &&
                       (caller.type == CallerType::kUser || caller.type == CallerType::kRole)) ||
                      !Exempt(matcher, caller);
      break;
  }
  return match;
}

}  // namespace iamsim
