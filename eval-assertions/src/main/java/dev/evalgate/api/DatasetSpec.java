package dev.evalgate.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a suite's cases come from.
 *
 * @param path classpath location or file path of a {@code .jsonl}, {@code .csv} or {@code .json}
 *     file
 * @param idField the field holding each row's stable id ({@code id} by default); rows without one
 *     get a hash of their content
 * @param limit read at most this many cases (after sampling), or {@code null} for all
 * @param sample keep a seeded random sample of about this many cases, or {@code null} for all
 * @param traces when the file is a trace export or a gateway log: its format and selection; {@code
 *     null} for a dataset of cases (JSONL, CSV, JSON by extension)
 * @param labelsVariant the variant whose answers the rows' {@code labels} describe (the suite key
 *     {@code labels-variant}), or {@code null} for the control
 * @param slices the rows' fields whose values cut the cases into slices (the suite key {@code
 *     slices}), each compared on its own in every report; empty for none
 * @param cluster the rows' field whose value groups cases that move together (turns of one
 *     conversation, questions on one document; the suite key {@code dataset.cluster}), so that
 *     paired pass rates are compared over clusters; {@code null} when the cases are independent
 */
public record DatasetSpec(
    String path,
    String idField,
    @Nullable Integer limit,
    @Nullable Integer sample,
    @Nullable TraceSpec traces,
    @Nullable String labelsVariant,
    List<String> slices,
    @Nullable String cluster) {
  public DatasetSpec {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(idField, "idField");
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("dataset limit must be at least 1 but was " + limit);
    }
    if (sample != null && sample < 1) {
      throw new IllegalArgumentException("dataset sample must be at least 1 but was " + sample);
    }
    slices = List.copyOf(slices);
    if (new java.util.HashSet<>(slices).size() != slices.size()) {
      throw new IllegalArgumentException("slices names a field twice: " + slices);
    }
  }

  public DatasetSpec(
      String path,
      String idField,
      @Nullable Integer limit,
      @Nullable Integer sample,
      @Nullable TraceSpec traces,
      @Nullable String labelsVariant) {
    this(path, idField, limit, sample, traces, labelsVariant, List.of(), null);
  }

  public DatasetSpec(
      String path, String idField, @Nullable Integer limit, @Nullable Integer sample) {
    this(path, idField, limit, sample, null, null);
  }

  public DatasetSpec(
      String path,
      String idField,
      @Nullable Integer limit,
      @Nullable Integer sample,
      @Nullable TraceSpec traces) {
    this(path, idField, limit, sample, traces, null);
  }

  /** The same dataset, its rows' labels describing the answers of {@code variant}. */
  public DatasetSpec withLabelsVariant(String variant) {
    return new DatasetSpec(path, idField, limit, sample, traces, variant, slices, cluster);
  }

  /** The same dataset cut into slices by the values of {@code fields}. */
  public DatasetSpec withSlices(List<String> fields) {
    return new DatasetSpec(path, idField, limit, sample, traces, labelsVariant, fields, cluster);
  }

  /** The same dataset, its cases grouped into clusters by the value of {@code field}. */
  public DatasetSpec withCluster(String field) {
    return new DatasetSpec(path, idField, limit, sample, traces, labelsVariant, slices, field);
  }

  public static DatasetSpec of(String path) {
    return new DatasetSpec(path, "id", null, null);
  }

  /** Production traces at {@code path}, read as {@code traces} says. */
  public static DatasetSpec traces(String path, TraceSpec traces) {
    return new DatasetSpec(path, "id", null, null, traces);
  }
}
