// SPDX-License-Identifier: MIT
// The shared gnuplot plumbing: picture formats by extension, gnuplot strings, CSV numbers that
// read back exactly, and draw_script — the script saved beside the picture, run in its folder,
// a failure reported with gnuplot's own message rather than printed.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "plot/gnuplot.hpp"
#include "tests/test_files.hpp"

using namespace tapegrad::plot;
namespace fs = std::filesystem;
using tapegrad::test::fresh_dir;
using tapegrad::test::read_file;


BOOST_AUTO_TEST_SUITE(gnuplot)

BOOST_AUTO_TEST_CASE(formats_by_extension) {
  BOOST_TEST((format_of("a/b.svg") == ImageFormat::svg));
  BOOST_TEST((format_of("b.PNG") == ImageFormat::png));
  BOOST_TEST(!format_of("b.pdf").has_value());
  BOOST_TEST(!format_of("svg").has_value());
  BOOST_TEST(!format_of("b.svg.txt").has_value());
}

BOOST_AUTO_TEST_CASE(strings_and_numbers) {
  BOOST_TEST(quote("it's") == "'it''s'");
  BOOST_TEST(file_name("out/pictures/a.svg") == "a.svg");
  BOOST_TEST(csv_number(0.1) == "0.1");
  BOOST_TEST(std::stod(csv_number(0.1 + 0.2)) == 0.1 + 0.2);
  BOOST_TEST(csv_number(std::numeric_limits<double>::quiet_NaN()) == "nan");
  BOOST_TEST(csv_number(-std::numeric_limits<double>::infinity()) == "-inf");
  BOOST_TEST(terminal_lines(ImageFormat::png, 640, 480, "x/y.png").find("set output 'y.png'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(csv_files_and_their_folders) {
  const fs::path dir = fresh_dir("plot_csv");
  write_csv((dir / "deep" / "a.csv").string(), {"x", "y"}, {{1, 0.5}, {2, 0.25}});
  BOOST_TEST(read_file(dir / "deep" / "a.csv") == "x,y\n1,0.5\n2,0.25\n");
  BOOST_CHECK_THROW(write_csv("/proc/tapegrad/a.csv", {"x"}, {}), PlotError);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_script_is_drawn_in_its_folder) {
  const fs::path dir = fresh_dir("plot_draw");
  write_csv((dir / "line.csv").string(), {"x", "y"}, {{0, 0}, {1, 1}});
  const std::string script = terminal_lines(ImageFormat::svg, 400, 300, (dir / "line.svg").string()) +
                             "set datafile separator ','\nplot 'line.csv' skip 1 using 1:2 with lines\n";
  const Drawing d = draw_script((dir / "line.gp").string(), script, (dir / "line.svg").string());
  BOOST_TEST(read_file(dir / "line.gp") == script);
  if (!gnuplot_available()) {
    BOOST_TEST((d.status == Drawing::Status::no_gnuplot));
    BOOST_TEST(d.note.find("gnuplot-nox") != std::string::npos);
    return;
  }
  BOOST_TEST(d.drawn(), d.note);
  BOOST_TEST(read_file(dir / "line.svg").find("<svg") != std::string::npos);
  // A broken script fails with gnuplot's message, and no stale picture passes for a new one.
  const Drawing bad = draw_script((dir / "line.gp").string(), script + "plot 'missing.csv' using 1:2\nthis is not gnuplot\n",
                                  (dir / "line.svg").string());
  BOOST_TEST(!bad.drawn());
  BOOST_TEST((bad.status == Drawing::Status::failed));
  BOOST_TEST(bad.note.find("gnuplot failed drawing") != std::string::npos, bad.note);
  fs::remove_all(dir);
}

// A picture wanted only as text: drawn in a temporary folder that is gone afterwards.
BOOST_AUTO_TEST_CASE(a_temporary_folder_is_removed_with_what_it_holds) {
  std::string kept;
  {
    const TemporaryFolder folder;
    kept = folder.path();
    BOOST_TEST(fs::is_directory(kept));
    std::ofstream(kept + "/a.svg") << "<svg/>";
    BOOST_TEST(read_text(kept + "/a.svg") == "<svg/>");
    const TemporaryFolder other;
    BOOST_TEST(other.path() != kept);
  }
  BOOST_TEST(!fs::exists(kept));
  BOOST_CHECK_THROW(read_text(kept + "/a.svg"), PlotError);
}

BOOST_AUTO_TEST_SUITE_END()
