// File: policy/evaluate/caller_keys.h
//
// Who sets a request context key: the one rule behind "which keys a caller
// can choose". AWS's global condition keys page
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)
// groups the keys by what they describe — the principal, the network, the
// resource, the request — and says which of them AWS adds from the
// authenticated caller, from the network path or from the service that
// calls on a resource's behalf, and which a request carries as its caller
// sent it. SourceOfKey answers that for one key; each user decides what a
// source means for it:
//
//   the fix finder      a request change may set kCaller, kNetwork and
//                       kPrincipalOrg keys (a simulation states the caller's
//                       organization; the rest follows from its principal).
//   the exposure rules  an outsider chooses every key but kPrincipal,
//                       kPrincipalOrg, kNetwork and kSourceService: those say
//   and custom checks   who and where it is (tags of its own principal aside).
//
// Service keys of the same meaning are classified with the global keys:
// kms:CallerAccount (the caller's account), s3:DataAccessPointAccount/Arn and
// ec2:SourceInstanceARN (the path a request comes through).
//
// Thread-safety: SourceOfKey is reentrant.
#ifndef IAMSIM_POLICY_EVALUATE_CALLER_KEYS_H_
#define IAMSIM_POLICY_EVALUATE_CALLER_KEYS_H_

#include "absl/strings/string_view.h"

namespace iamsim {

enum class KeySource {
  // Who the caller is, from its authenticated identity: aws:PrincipalArn,
  // PrincipalAccount, PrincipalType, PrincipalTag/*, PrincipalIsAWSService,
  // PrincipalServiceName(sList), aws:userid, aws:username,
  // kms:CallerAccount (every "aws:principal..." key but the two below).
  kPrincipal,
  // The caller's organization: aws:PrincipalOrgID, aws:PrincipalOrgPaths.
  // AWS adds them for members of an organization; iamsim cannot derive them
  // from the principal, so a simulation states them.
  kPrincipalOrg,
  // Where the request comes from: aws:SourceIp, SourceVpc, SourceVpce,
  // VpcSourceIp, Ec2InstanceSourceVpc, Ec2InstanceSourcePrivateIPv4,
  // ec2:SourceInstanceARN, s3:DataAccessPointAccount, s3:DataAccessPointArn.
  kNetwork,
  // The resource on whose behalf a service calls: aws:SourceAccount,
  // SourceArn, SourceOwner, SourceOrgID, SourceOrgPaths; and the service keys
  // that name it: lambda:EventSourceToken (an Alexa skill id),
  // kms:EncryptionContext:aws:logs:arn and ...:aws:cloudtrail:arn.
  kSourceService,
  // The resource called: aws:ResourceAccount, ResourceOrgID,
  // ResourceOrgPaths, ResourceTag/*.
  kResource,
  // Set by AWS from the moment and place of the call: aws:CurrentTime,
  // EpochTime, TokenIssueTime, RequestedRegion.
  kAws,
  // Every other key: the request carries it as the caller sent it
  // (aws:SecureTransport, MultiFactorAuthPresent, RequestTag/*, TagKeys,
  // sts:ExternalId, most service keys).
  kCaller,
};

// The source of `key`, a condition key name in any case ("aws:SourceIp",
// "s3:x-amz-acl").
KeySource SourceOfKey(absl::string_view key);

}  // namespace iamsim

#endif  // IAMSIM_POLICY_EVALUATE_CALLER_KEYS_H_
