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
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Finds {@code @EvalSuite} classes in the directory roots of the class path; used only when a
 * resource or file is selected (an IDE's "run this file/line"), to learn which suites use it.
 */
final class SuiteClassScanner {
  private final ClassLoader loader;
  private List<Class<?>> found;

  SuiteClassScanner(ClassLoader loader) {
    this.loader = loader;
  }

  List<Class<?>> suiteClasses(Predicate<String> classNameFilter) {
    if (found == null) {
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
      found = new ArrayList<>(classes);
    }
    return found;
  }
}
