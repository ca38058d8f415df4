package dev.evalgate.engine.discovery;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Finds {@code @EvalSuite} classes in the directory roots of the class path; used only when a
 * resource or file is selected (an IDE's "run this file/line"), to learn which suites use it.
 */
final class SuiteClassScanner {
  private final ClassLoader loader;

  /** The classes found by the first call; later calls reuse them. */
  private @Nullable List<Class<?>> found;

  SuiteClassScanner(ClassLoader loader) {
    this.loader = loader;
  }

  List<Class<?>> suiteClasses(Predicate<String> classNameFilter) {
    List<Class<?>> scanned = found;
    if (scanned == null) {
      Set<Class<?>> classes = new LinkedHashSet<>();
      try {
        Enumeration<URL> roots = loader.getResources("");
        while (roots.hasMoreElements()) {
          URL root = roots.nextElement();
          if ("file".equals(root.getProtocol())) {
            classes.addAll(
                ReflectionSupport.findAllClassesInClasspathRoot(
                    root.toURI(), SuiteCatalog::isSuiteClass, classNameFilter));
          }
        }
      } catch (IOException | URISyntaxException e) {
        // no directory roots: nothing to scan
      }
      scanned = new ArrayList<>(classes);
      found = scanned;
    }
    return scanned;
  }
}
