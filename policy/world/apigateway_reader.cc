// The API Gateway part of a world, REGION/ of an account:
//   apigateway/REST_API_ID.resources.json   aws apigateway get-resources --embed methods
//   apigatewayv2/API_ID.integrations.json   aws apigatewayv2 get-integrations
//   apigatewayv2/API_ID.routes.json         aws apigatewayv2 get-routes
//   apigatewayv2/API_ID.stages.json         aws apigatewayv2 get-stages
// Only methods and routes whose integration invokes a Lambda function
// (AWS or AWS_PROXY) become ApiRoutes.
#include <algorithm>
#include <filesystem>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/world/world_builder.h"

namespace iamsim {
namespace {

namespace fs = std::filesystem;

std::string Text(const JsonValue& object, absl::string_view key) {
  const JsonValue* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->text : "";
}

// The function an integration URI invokes:
//   arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations
// or (HTTP APIs) the function ARN itself. "" when it is not a Lambda one.
std::string FunctionOfUri(absl::string_view uri) {
  const size_t at = uri.find("/functions/");
  if (at != absl::string_view::npos) {
    absl::string_view rest = uri.substr(at + 11);
    const size_t end = rest.find("/invocations");
    return std::string(end == absl::string_view::npos ? rest : rest.substr(0, end));
  }
  return absl::StrContains(uri, ":lambda:") && absl::StrContains(uri, ":function:")
             ? std::string(uri)
             : "";
}

std::vector<fs::path> FilesEndingWith(const fs::path& dir, absl::string_view suffix) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (absl::EndsWith(e.path().filename().string(), suffix)) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

std::string ApiRoute::SourceArn() const {
  // Path parameters ({id}, {proxy+}) are concrete at run time: `*` here.
  std::string path_pattern;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      const size_t close = path.find('}', i);
      path_pattern += '*';
      i = close == std::string::npos ? path.size() : close;
    } else {
      path_pattern += path[i];
    }
  }
  if (!path_pattern.empty() && path_pattern[0] == '/') path_pattern.erase(0, 1);
  return absl::StrCat("arn:aws:execute-api:", region, ":", account, ":", api_id, "/", stage, "/",
                      method == "ANY" ? "*" : method, "/", path_pattern);
}

void WorldLoader::ReadApiGateway(const std::string& account, const std::string& region,
                                 const std::string& directory) {
  for (const fs::path& file : FilesEndingWith(directory, ".resources.json")) {
    const std::string name = file.filename().string();
    const std::string api_id = name.substr(0, name.size() - strlen(".resources.json"));
    const JsonValue* root = ReadFile(file.string());
    if (root == nullptr) continue;
    JsonReader reader = Reader(root);
    const JsonValue* items = reader.Object(*root, "", "get-resources output") != nullptr
                                 ? reader.Require(*root, "", "items", "get-resources output")
                                 : nullptr;
    if (items == nullptr || reader.Array(*items, "/items", "items") == nullptr) {
      failed_ = true;
      continue;
    }
    for (size_t i = 0; i < items->items.size(); ++i) {
      const JsonValue& resource = items->items[i];
      const JsonValue* methods = resource.Find("resourceMethods");
      if (methods == nullptr || !methods->is_object()) continue;
      for (const JsonMember& m : methods->members) {
        const JsonValue* integration = m.value.Find("methodIntegration");
        if (integration == nullptr || !integration->is_object()) continue;
        const std::string type = Text(*integration, "type");
        if (type != "AWS_PROXY" && type != "AWS") continue;
        const std::string function = FunctionOfUri(Text(*integration, "uri"));
        if (function.empty()) continue;
        ApiRoute route;
        route.api_id = api_id;
        route.api_type = "REST";
        route.account = account;
        route.region = region;
        route.method = m.key;
        route.path = Text(resource, "path");
        route.stage = "*";  // REST stages are not collected.
        route.function_arn = function;
        route.credentials_role = Text(*integration, "credentials");
        route.authorization = Text(m.value, "authorizationType");
        route.location = Location{
            Source(root).name(), m.value.span, "",
            JsonPointerAppend(JsonPointerAppend(JsonPointerAppend("/items", i), "resourceMethods"),
                              m.key),
            DocumentEncoding::kObject};
        world_->routes_.push_back(std::move(route));
      }
    }
  }
}

void WorldLoader::ReadApiGatewayV2(const std::string& account, const std::string& region,
                                   const std::string& directory) {
  for (const fs::path& file : FilesEndingWith(directory, ".integrations.json")) {
    const std::string name = file.filename().string();
    const std::string api_id = name.substr(0, name.size() - strlen(".integrations.json"));
    const JsonValue* integrations = ReadFile(file.string());
    const fs::path routes_file = fs::path(directory) / (api_id + ".routes.json");
    const fs::path stages_file = fs::path(directory) / (api_id + ".stages.json");
    const JsonValue* routes = fs::exists(routes_file) ? ReadFile(routes_file.string()) : nullptr;
    const JsonValue* stages = fs::exists(stages_file) ? ReadFile(stages_file.string()) : nullptr;
    if (integrations == nullptr || routes == nullptr) continue;
    auto items = [&](const JsonValue* root, absl::string_view what) -> const JsonValue* {
      JsonReader reader = Reader(root);
      const JsonValue* list = reader.Object(*root, "", what) != nullptr
                                  ? reader.Require(*root, "", "Items", what)
                                  : nullptr;
      if (list == nullptr || reader.Array(*list, "/Items", "Items") == nullptr) {
        failed_ = true;
        return nullptr;
      }
      return list;
    };
    const JsonValue* integration_list = items(integrations, "get-integrations output");
    const JsonValue* route_list = items(routes, "get-routes output");
    if (integration_list == nullptr || route_list == nullptr) continue;
    std::map<std::string, const JsonValue*> by_id;
    for (const JsonValue& i : integration_list->items) by_id[Text(i, "IntegrationId")] = &i;
    std::string stage = "*";
    if (stages != nullptr) {
      if (const JsonValue* stage_list = items(stages, "get-stages output");
          stage_list != nullptr && stage_list->items.size() == 1) {
        stage = Text(stage_list->items[0], "StageName");
      }
    }
    for (size_t r = 0; r < route_list->items.size(); ++r) {
      const JsonValue& route_json = route_list->items[r];
      const std::string target = Text(route_json, "Target");
      if (!absl::StartsWith(target, "integrations/")) continue;
      auto it = by_id.find(target.substr(13));
      if (it == by_id.end()) continue;
      const JsonValue& integration = *it->second;
      if (Text(integration, "IntegrationType") != "AWS_PROXY") continue;
      const std::string function = FunctionOfUri(Text(integration, "IntegrationUri"));
      if (function.empty()) continue;
      const std::string key = Text(route_json, "RouteKey");  // "POST /orders", "$default"
      const size_t space = key.find(' ');
      ApiRoute route;
      route.api_id = api_id;
      route.api_type = "HTTP";
      route.account = account;
      route.region = region;
      route.method = space == std::string::npos ? "*" : key.substr(0, space);
      route.path = space == std::string::npos ? "" : key.substr(space + 1);
      // The source ARN's stage: a single $default stage is "$default"; AWS
      // documents `*` as the pattern for it too. Several stages: `*`.
      route.stage = stage;
      route.function_arn = function;
      route.credentials_role = Text(integration, "CredentialsArn");
      route.authorization = Text(route_json, "AuthorizationType");
      route.location = Location{Source(routes).name(), route_json.span, "",
                                JsonPointerAppend("/Items", r), DocumentEncoding::kObject};
      world_->routes_.push_back(std::move(route));
    }
  }
}

}  // namespace iamsim
