// Table tests of IP address operators.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
#include "policy/conditions/condition_test_util.h"

namespace iamsim {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Ip, ConditionTest,
    ::testing::Values(Row{"IpInCidr", R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})",
                          R"({"aws:SourceIp":"203.0.113.7"})", true},
                      Row{"IpOutsideCidr", R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})",
                          R"({"aws:SourceIp":"198.51.100.7"})", false},
                      Row{"BareIpIsSlash32", R"({"IpAddress":{"aws:SourceIp":"203.0.113.7"}})",
                          R"({"aws:SourceIp":"203.0.113.7"})", true},
                      Row{"Ipv6", R"({"IpAddress":{"aws:SourceIp":"2001:db8::/32"}})",
                          R"({"aws:SourceIp":"2001:db8:1::5"})", true},
                      Row{"Ipv4DoesNotMatchIpv6Range", R"({"IpAddress":{"aws:SourceIp":"::/0"}})",
                          R"({"aws:SourceIp":"203.0.113.7"})", false},
                      Row{"NotIpAddressOutside",
                          R"({"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}})",
                          R"({"aws:SourceIp":"203.0.113.7"})", true},
                      Row{"NotIpAddressInside",
                          R"({"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}})",
                          R"({"aws:SourceIp":"203.0.113.7"})", false}));

// Values that are not of the operator's type: errors, never silent non-matches.
INSTANTIATE_TEST_SUITE_P(
    Ip, InvalidValueTest,
    ::testing::Values(InvalidValue{"Prefix33", "IpAddress", R"("10.0.0.0/33")"},
                      InvalidValue{"Ipv6Prefix200", "IpAddress", R"("::1/200")"},
                      InvalidValue{"Octet300", "NotIpAddress", R"("300.0.0.0/8")"},
                      InvalidValue{"EmptyPrefix", "IpAddress", R"("10.0.0.0/")"},
                      InvalidValue{"WordPrefix", "IpAddress", R"("10.0.0.0/ab")"},
                      InvalidValue{"Hostname", "IpAddress", R"("example.com")"},
                      InvalidValue{"SecondOfList", "NotIpAddress",
                                   R"(["10.0.0.0/8", "10.0.0.0/99"])", 1}));

}  // namespace
}  // namespace iamsim
