// SPDX-License-Identifier: MIT
// CsvTable::read: bounded reading of a CSV file. The file is looked at (stat) before it is read,
// so a directory, a device such as /dev/zero or a pipe is refused with a message instead of
// being read forever, and a file larger than CsvLimits::max_bytes is refused before any memory
// is spent on it.
#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "csv/csv_table.hpp"
#include "i18n/i18n.hpp"

namespace tapegrad {

CsvTable CsvTable::read(const std::string& path, const CsvReadOptions& options) {
  const auto refuse = [&](std::string problem, std::string fix) {
    return CsvError(path, 0, 0, 0, std::move(problem), std::move(fix));
  };
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw refuse(trf("cannot open the file for reading ({})", std::strerror(errno)), tr("check the path"));
  if (S_ISDIR(info.st_mode))
    throw refuse(tr("this is a directory, not a CSV file"), tr("give the path of a .csv file in it"));
  if (!S_ISREG(info.st_mode))
    throw refuse(tr("this is not a regular file (a device, a pipe or a socket)"),
                 tr("save the data to a .csv file and give its path"));
  const std::uint64_t limit = options.limits.max_bytes;
  if (static_cast<std::uint64_t>(info.st_size) > limit)
    throw refuse(trf("the file is {} bytes, more than the limit of {}", info.st_size, limit),
                 tr("raise CsvLimits::max_bytes, or use a smaller file"));

  std::ifstream in(path, std::ios::binary);
  if (!in) throw refuse(tr("cannot open the file for reading (permission?)"), tr("check the file's permissions"));
  // Read at most limit + 1 bytes: the file may have grown since stat.
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  char extra[4096];
  while (in && text.size() <= limit) {
    in.read(extra, sizeof extra);
    text.append(extra, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw refuse(tr("cannot read the file"), tr("check that it is readable"));
  return parse(std::move(text), path, options);  // parse refuses more than limit bytes
}

}  // namespace tapegrad
