// LoadWorld: walks a world directory and hands each file to its reader.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "policy/arn/arn.h"
#include "policy/diagnostics/limits.h"
#include "policy/parse/policy_parser.h"
#include "policy/json/percent_encoding.h"
#include "policy/world/world_builder.h"

namespace iamsim {
namespace {

namespace fs = std::filesystem;


// Regular files and directories only: links to directories are not followed.
std::vector<fs::directory_entry> Entries(const fs::path& dir) {
  std::vector<fs::directory_entry> out;
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    out.push_back(*it);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  return out;
}

bool IsDirectory(const fs::directory_entry& e) {
  std::error_code error;
  return e.is_directory(error) && !e.is_symlink(error);
}

}  // namespace

const JsonValue* WorldLoader::ReadFile(const std::string& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (!error && size > kWorldFileLimits.max_bytes) {
    diagnostics_->push_back(MakeDiagnostic(
        Rule::kInputLimit, Location{path, {}, "", "", DocumentEncoding::kObject},
        absl::StrCat("the file is ", size, " bytes; iamsim's limit for a world file is ",
                     kWorldFileLimits.max_bytes)));
    failed_ = true;
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics_->push_back(MakeDiagnostic(Rule::kInvalidInput,
                                           Location{path, {}, "", "", DocumentEncoding::kObject},
                                           "cannot read the file"));
    failed_ = true;
    return nullptr;
  }
  std::stringstream text;
  text << in.rdbuf();
  sources_.push_back(std::make_unique<SourceText>(path, text.str()));
  JsonParseResult parsed = ParseJson(*sources_.back(), kWorldFileLimits);
  if (!parsed.root) {
    diagnostics_->insert(diagnostics_->end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    failed_ = true;
    return nullptr;
  }
  roots_.push_back(std::move(*parsed.root));
  source_of_[&roots_.back()] = sources_.back().get();
  return &roots_.back();
}

const SourceText& WorldLoader::Source(const JsonValue* root) const {
  return *source_of_.at(root);
}

JsonReader WorldLoader::Reader(const JsonValue* root) {
  return JsonReader(Source(root).name(), "", DocumentEncoding::kObject, diagnostics_);
}

void WorldLoader::Error(const JsonValue* root, const SourceSpan& span, std::string path, Rule rule,
                        std::string message) {
  diagnostics_->push_back(MakeDiagnostic(
      rule, Location{Source(root).name(), span, "", std::move(path), DocumentEncoding::kObject},
      std::move(message)));
  failed_ = true;
}

ReadDocument WorldLoader::Document(const JsonValue* root, const JsonValue& value,
                                   const std::string& path, PolicyType type,
                                   const std::string& name, const std::string& key) {
  const std::string cache_key = key.empty() ? "" : absl::StrCat(PolicyTypeName(type), " ", key);
  if (!cache_key.empty()) {
    auto it = documents_.find(cache_key);
    if (it != documents_.end()) return it->second;
  }
  ReadDocument out;
  const SourceText& file = Source(root);
  std::string text;
  std::optional<JsonValue> embedded;
  DocumentEncoding encoding = DocumentEncoding::kObject;
  const JsonValue* document = &value;
  if (value.is_string()) {
    encoding = DetectStringEncoding(value.text);
    JsonParseResult parsed = ParseEmbeddedJson(file, value, path, encoding, kPolicyLimits);
    if (!parsed.root) {
      out.errors = std::move(parsed.diagnostics);
    } else {
      embedded = std::move(parsed.root);
      document = &*embedded;
    }
    text = encoding == DocumentEncoding::kUrlEncoded ? PercentDecode(value.text) : value.text;
  } else if (value.is_object()) {
    text = std::string(file.text().substr(
        value.span.begin.offset, value.span.end.offset - value.span.begin.offset));
  } else {
    out.errors.push_back(MakeDiagnostic(
        Rule::kJsonType, Location{file.name(), value.span, path, "", DocumentEncoding::kObject},
        absl::StrCat("a policy document must be an object or a string, not ",
                     JsonTypeWithArticle(value.type))));
  }
  if (out.errors.empty()) {
    PolicyParseResult parsed =
        ParsePolicyJson(*document, DocumentRef{file.name(), path, encoding}, type, text);
    for (Diagnostic& d : parsed.diagnostics) {
      if (d.severity == Severity::kError) {
        out.errors.push_back(std::move(d));
      } else {
        diagnostics_->push_back(std::move(d));
      }
    }
    if (parsed.document) {
      const PolicyId id = store_.Add(name, std::move(*parsed.document));
      const CompiledPolicy& policy = store_.policy(id);
      for (const Diagnostic& d : policy.diagnostics()) {
        if (d.severity == Severity::kError) {
          out.errors.push_back(d);
        } else {
          diagnostics_->push_back(d);
        }
      }
      if (out.errors.empty()) out.policy = &policy;
      world_->policy_texts_.resize(id + 1);
      world_->policy_texts_[id] = std::move(text);
    }
  }
  if (!cache_key.empty()) documents_.emplace(cache_key, out);
  return out;
}

const CompiledPolicy* WorldLoader::Builtin(absl::string_view name, absl::string_view text,
                                           PolicyType type) {
  PolicyParseResult parsed = ParsePolicy(text, name, type);
  const PolicyId id = store_.Add(std::string(name), std::move(*parsed.document));
  world_->policy_texts_.resize(id + 1);
  world_->policy_texts_[id] = std::string(text);
  return &store_.policy(id);
}

const CompiledPolicy* WorldLoader::RcpFullAwsAccess() {
  if (rcp_full_access_ == nullptr) {
    rcp_full_access_ = Builtin(
        "RCPFullAWSAccess",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})",
        PolicyType::kResourceControl);
  }
  return rcp_full_access_;
}

std::unique_ptr<World> WorldLoader::Finish() {
  world_->outside_identity_ = Builtin(
      "identity policies outside the world (assumed to allow)",
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
      PolicyType::kIdentity);
  world_->store_ = std::move(store_).Build();
  world_->policy_texts_.resize(world_->store_->size());
  for (const auto& principal : world_->principals_) {
    world_->by_arn_[principal->arn] = principal.get();
  }
  for (const auto& function : world_->functions_) {
    world_->functions_by_name_[function->name].push_back(function.get());
  }
  world_->FinishContexts();
  return std::move(world_);
}

WorldLoadResult LoadWorld(const std::string& directory) {
  WorldLoadResult result;
  WorldLoader loader(&result.diagnostics);
  const fs::path root(directory);
  std::error_code error;
  if (!fs::is_directory(root, error)) {
    result.diagnostics.push_back(MakeDiagnostic(
        Rule::kInvalidInput, Location{directory, {}, "", "", DocumentEncoding::kObject},
        "not a directory: a world is a directory of account folders (README, \"Worlds\")"));
    return result;
  }
  bool any_account = false;
  for (const fs::directory_entry& entry : Entries(root)) {
    const std::string name = entry.path().filename().string();
    if (!IsDirectory(entry) || !IsAccountId(name)) continue;
    any_account = true;
    loader.AddAccount(name);
    std::vector<std::string> iam_files;
    for (const fs::directory_entry& f : Entries(entry.path())) {
      const std::string file = f.path().filename().string();
      if (!IsDirectory(f) && absl::StartsWith(file, "iam") && absl::EndsWith(file, ".json")) {
        iam_files.push_back(f.path().string());
      } else if (IsDirectory(f)) {
        const fs::path region = f.path();
        if (fs::is_directory(region / "lambda")) {
          loader.ReadLambda(name, file, (region / "lambda").string());
        }
        if (fs::is_directory(region / "apigateway")) {
          loader.ReadApiGateway(name, file, (region / "apigateway").string());
        }
        if (fs::is_directory(region / "apigatewayv2")) {
          loader.ReadApiGatewayV2(name, file, (region / "apigatewayv2").string());
        }
      }
    }
    loader.ReadIam(name, iam_files);
  }
  if (!any_account) {
    result.diagnostics.push_back(MakeDiagnostic(
        Rule::kInvalidInput, Location{directory, {}, "", "", DocumentEncoding::kObject},
        "no account folder (a 12-digit account id) in the world directory"));
    return result;
  }
  if (fs::exists(root / "organization.json")) {
    loader.ReadOrganization((root / "organization.json").string());
  }
  if (loader.failed()) return result;
  result.world = loader.Finish();
  SortByPosition(&result.diagnostics);
  return result;
}

}  // namespace iamsim
