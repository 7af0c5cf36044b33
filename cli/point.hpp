// SPDX-License-Identifier: MIT
// Point: the values given with `--at x=1,y=2` (the parameters), in the order given. A value may be
// a constant expression such as pi/4 or 1e-3; commas inside parentheses (atan2(1, 2)) do not
// split. Problems are UsageErrors that quote the offending part.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tapegrad::cli {

struct Binding {
  std::string name;
  double value;
};

class Point {
 public:
  // Adds the bindings of one `--at` argument, e.g. "w0=0, w1=0"; `option` names the option in
  // messages.
  void add(std::string_view spec, std::string_view option = "--at");
  // Adds one binding; a name given twice is a UsageError.
  void add(std::string name, double value);

  const std::vector<Binding>& bindings() const noexcept { return bindings_; }
  std::vector<std::string> names() const;
  std::vector<double> values() const;
  std::optional<double> find(std::string_view name) const;
  bool empty() const noexcept { return bindings_.empty(); }

 private:
  std::vector<Binding> bindings_;
};

// True when `name` can be a variable: letters, digits and _, not starting with a digit, and not
// a function or constant name.
bool is_variable_name(std::string_view name);

}  // namespace tapegrad::cli
