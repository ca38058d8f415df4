package dev.evalgate.engine.dataset;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.jspecify.annotations.Nullable;

/** CSV with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
final class CsvRowSource implements RowSource {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreSurroundingSpaces(false)
          .setIgnoreEmptyLines(true)
          // only for reading: Commons CSV then gives a cell left empty as null and a quoted "" as
          // the empty text, which is how a row says it holds no value (EmptyCell)
          .setQuoteMode(QuoteMode.ALL_NON_NULL)
          .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
          .get();

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private long lastLine;
  private boolean finished;

  CsvRowSource(Reader reader, String location) throws IOException {
    try {
      this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          location,
          1,
          "invalid CSV header: "
              // Commons CSV's advice to change its format is for the code that reads the file, not
              // for the user who wrote it
              + String.valueOf(e.getMessage())
                  .replaceFirst("\\.? If this is valid then use .*$", "")
                  // a name left empty, which the quote mode of FORMAT reads as null
                  .replaceAll("(?<=[\\[ ])null(?=[,\\]])", "")
              + "; expected a header row of unique column names");
    }
    this.header = parser.getHeaderNames();
    if (header.isEmpty()) {
      throw new DatasetException(
          location, 1, "empty CSV file; expected a header row of column names");
    }
    this.records = parser.iterator();
    this.lastLine = parser.getCurrentLineNumber();
  }

  @Override
  public @Nullable Row next() throws IOException {
    if (finished) {
      return null;
    }
    CSVRecord record;
    try {
      if (!records.hasNext()) {
        finished = true;
        return null;
      }
      record = records.next();
    } catch (UncheckedIOException | IllegalStateException e) {
      finished = true;
      String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      long from = lastLine + 1;
      long to = Math.max(from, parser.getCurrentLineNumber());
      return new Row(
          from,
          null,
          "unreadable CSV ("
              + cause
              + "); expected balanced double quotes; "
              + (to > from
                  ? String.format("lines %,d to %,d, the rest of the file, are lost", from, to)
                  : "the rest of the file is lost"),
          to - from);
    }
    long line = lastLine + 1;
    lastLine = parser.getCurrentLineNumber();
    if (record.size() != header.size()) {
      return new Row(
          line,
          null,
          "expected "
              + header.size()
              + " columns ("
              + String.join(", ", header)
              + "), but the row has "
              + record.size());
    }
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    Set<String> emptyCells = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String cell = record.get(i);
      if (cell == null) {
        emptyCells.add(header.get(i));
      }
      // the empty text, as before, for the row's id, hash and known fields
      row.put(header.get(i), cell == null ? "" : cell);
    }
    return new Row(line, row, null, 0, emptyCells);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
