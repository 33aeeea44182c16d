// SourceOfKey: a table of AWS's global condition keys (see caller_keys.h).
#include "policy/evaluate/caller_keys.h"

#include "absl/strings/match.h"

namespace iamsim {
namespace {

struct KeyRow {
  absl::string_view name;  // Lower case; with `prefix`, names a family ("aws:resourcetag/").
  bool prefix;
  KeySource source;
};

// Checked in order: the organization keys before the "aws:principal" family.
constexpr KeyRow kKeys[] = {
    {"aws:principalorgid", false, KeySource::kPrincipalOrg},
    {"aws:principalorgpaths", false, KeySource::kPrincipalOrg},
    {"aws:principal", true, KeySource::kPrincipal},
    {"aws:userid", false, KeySource::kPrincipal},
    {"aws:username", false, KeySource::kPrincipal},
    {"kms:calleraccount", false, KeySource::kPrincipal},
    {"aws:sourceip", false, KeySource::kNetwork},
    {"aws:sourcevpc", false, KeySource::kNetwork},
    {"aws:sourcevpce", false, KeySource::kNetwork},
    {"aws:vpcsourceip", false, KeySource::kNetwork},
    {"aws:ec2instancesourcevpc", false, KeySource::kNetwork},
    {"aws:ec2instancesourceprivateipv4", false, KeySource::kNetwork},
    {"ec2:sourceinstancearn", false, KeySource::kNetwork},
    {"s3:dataaccesspointaccount", false, KeySource::kNetwork},
    {"s3:dataaccesspointarn", false, KeySource::kNetwork},
    {"aws:sourceaccount", false, KeySource::kSourceService},
    {"aws:sourcearn", false, KeySource::kSourceService},
    {"aws:sourceowner", false, KeySource::kSourceService},
    {"aws:sourceorgid", false, KeySource::kSourceService},
    {"aws:sourceorgpaths", false, KeySource::kSourceService},
    // Set by the calling service from the resource it calls for: the Alexa
    // skill id (lambda add-permission --event-source-token), the ARN of the
    // log group or trail a KMS key encrypts for.
    {"lambda:eventsourcetoken", false, KeySource::kSourceService},
    {"kms:encryptioncontext:aws:logs:arn", false, KeySource::kSourceService},
    {"kms:encryptioncontext:aws:cloudtrail:arn", false, KeySource::kSourceService},
    {"aws:resourceaccount", false, KeySource::kResource},
    {"aws:resourceorgid", false, KeySource::kResource},
    {"aws:resourceorgpaths", false, KeySource::kResource},
    {"aws:resourcetag/", true, KeySource::kResource},
    {"aws:currenttime", false, KeySource::kAws},
    {"aws:epochtime", false, KeySource::kAws},
    {"aws:tokenissuetime", false, KeySource::kAws},
    {"aws:requestedregion", false, KeySource::kAws},
};

}  // namespace

KeySource SourceOfKey(absl::string_view key) {
  for (const KeyRow& row : kKeys) {
    if (row.prefix ? absl::StartsWithIgnoreCase(key, row.name)
                   : absl::EqualsIgnoreCase(key, row.name)) {
      return row.source;
    }
  }
  return KeySource::kCaller;
}

}  // namespace iamsim
