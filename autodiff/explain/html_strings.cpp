// SPDX-License-Identifier: MIT
// The class page's words (see html_strings.hpp). Each text is a literal msgid in a tr()/trn() call,
// so that po.catalogs_cover_the_sources finds it; the {} stay for the page's script to fill.
#include "autodiff/explain/html_strings.hpp"

#include <set>
#include <string>

#include "i18n/i18n.hpp"

namespace tapegrad {

nlohmann::json html_page_strings(const Explanation& ex) {
  using nlohmann::json;
  json s = json::object();
  // The skeleton (html.cpp puts these into the HTML itself).
  s["expression"] = tr("Expression");
  s["at"] = tr("at");
  s["controls"] = tr("Step through the backward pass");
  s["back"] = tr("Back");
  s["next"] = tr("Next");
  s["reveal"] = tr("Reveal");
  s["mode"] = tr("Mode");
  s["step_through"] = tr("Step through");
  s["quiz"] = tr("Quiz");
  s["show_all"] = tr("Show all");
  s["restart"] = tr("Restart");
  s["graph"] = tr("The graph");
  s["step_heading"] = tr("Backward pass, one step at a time");
  s["forward_heading"] = tr("Forward pass: each value from the ones below it");
  s["backward_heading"] = tr("Backward pass: each adjoint from the ones above it");
  s["gradient_heading"] = tr("Gradient");
  s["keys"] = tr("Keys: {} next, {} back, {} restart, {} show all, {} checks an answer. Made by {}.");
  s["noscript"] = tr("This page needs JavaScript to draw the graph and step through the backward pass; "
                     "the same explanation as text: {}.");
  // The graph.
  s["head_input"] = tr("{} (input)");
  s["value"] = tr("value");
  s["adjoint"] = tr("adjoint");
  s["off_path"] = tr("0 (not on a path to {})");
  s["graph_title"] = trn("The graph of {}: {} node, inputs at the bottom, {} on top",
                         "The graph of {}: {} nodes, inputs at the bottom, {} on top", ex.forward.size());
  s["legend_html"] = tr("Each box is one node: <b>name = operation</b>, its <b>value</b> from the forward pass and "
                        "its <b>adjoint</b> ∂{}/∂node from the backward pass. Arrows show where values flow; the "
                        "label on an arrow is the <b>local partial</b> ∂node/∂input, and the adjoint flows back "
                        "down the same arrow multiplied by it.");
  s["legend_colours_html"] = tr("{} this step’s node and the arrows it passes its adjoint down; {} the arrows whose "
                                "products add up to its adjoint.");
  // The card of a step.
  s["start"] = tr("The forward pass has computed every value (the table below). The backward pass starts at the "
                  "loss {} and walks down the graph: each step takes one node's adjoint ∂{}/∂node and passes it "
                  "down each arrow, multiplied by the arrow's local partial.");
  s["start_quiz"] = tr("Quiz: at each step, type the local partials before they are shown.");
  s["press_next"] = tr("Press Next (or →) to start.");
  s["step_of"] = tr("Step {} of {}: {}");
  s["seed_why"] = tr("the seed: {} changes one-for-one with itself");
  s["paths_meet"] = tr("paths meet here: the adjoint is the sum of what each arrow above carries down");
  s["one_arrow_in"] = tr("the adjoint is what the arrow above carries down");
  json arrows = json::object();
  std::set<std::size_t> counts;
  for (const auto& step : ex.backward) counts.insert(step.partials.size());
  for (std::size_t n : counts)
    arrows[std::to_string(n)] =
        trn("{} passes its adjoint down {} arrow:", "{} passes its adjoint down {} arrows:", n);
  s["arrows"] = arrows;
  s["is_input"] = tr("{} is an input: its adjoint is the gradient, {} = {}.");
  s["block_passes"] = tr("{} passes {} the product {}");
  s["check"] = tr("Check");
  s["type_partial"] = tr("Type the local partial of {} with respect to {}, as a number (answers within 0.5 % "
                         "count; 1/2 and −0.5 both work).");
  s["the_rule"] = tr("the rule: {} (a, b are the operands, y the result)");
  s["passes_down"] = tr("passes down {} = {}");
  s["had_it_right"] = tr("You had it right.");
  s["revealed"] = tr("Revealed.");
  s["type_a_number"] = tr("Type a number, such as 3, −0.5 or 1/2.");
  s["not_yet"] = tr("Not yet: {} is not {}. Try again, or press Reveal.");
  s["block_backward"] = tr("({} backward)");
  // The controls and the tables.
  s["progress_start"] = tr("Step {} of {} (start)");
  s["progress"] = tr("Step {} of {}");
  s["score"] = tr("Quiz: {} of {} right ({} first time)");
  s["step"] = tr("step");
  s["node"] = tr("node");
  s["operation"] = tr("operation");
  s["input"] = tr("input");
  s["adjoint_column"] = tr("adjoint ∂{}/∂node");
  s["arrives"] = tr("sum of what arrives");
  s["passed_down"] = tr("local partials passed down");
  s["seed"] = tr("seed");
  s["hidden"] = tr("{} of {} steps still hidden: press Next, or Show all.");
  s["all_shown"] = tr("All {} steps shown.");
  s["gradient_later"] = tr("The gradient appears when the backward pass reaches the inputs (step {}).");
  s["gradient_column"] = tr("gradient ∂{}/∂input");
  s["paths_column"] = tr("paths (products of local partials)");
  s["path_sum"] = tr("→ sum {}");
  s["many_paths"] = tr("{} paths: too many to write out");
  s["long_path"] = tr("one path: too long to write out");
  s["no_path"] = tr("does not reach {}");
  // Over data: the sum over the rows.
  s["rows_heading"] = tr("The sum over the rows");
  s["rows_sum"] = tr("The sum over the rows: {} = {}Σ {}");
  s["row"] = tr("row");
  if (ex.over_rows) {
    const OverRows& o = *ex.over_rows;
    s["rows_intro"] = trn("The steps above are row {} of the {} row of {} (its loss is {}); every row takes the "
                          "same steps with its own values.",
                          "The steps above are row {} of the {} rows of {} (its loss is {}); every row takes the "
                          "same steps with its own values.",
                          o.count);
    json gaps = json::object();
    std::size_t previous = 0;
    auto gap = [&](std::size_t k) { gaps[std::to_string(k)] = trn("({} more row)", "({} more rows)", k); };
    for (const auto& r : o.listed) {
      if (r.row > previous + 1) gap(r.row - previous - 1);
      previous = r.row;
    }
    if (previous < o.count) gap(o.count - previous);
    s["more_rows"] = gaps;
  }
  s["mean_note"] = tr("The gradient of the mean is the mean of the rows' gradients.");
  s["sum_note"] = tr("The gradient of the sum is the sum of the rows' gradients.");
  return s;
}

}  // namespace tapegrad
