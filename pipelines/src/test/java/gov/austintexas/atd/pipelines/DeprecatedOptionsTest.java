package gov.austintexas.atd.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An old option name is rewritten to its new one in every form it can take, with one warning. */
class DeprecatedOptionsTest {
  @Test
  void everyFormOfAnOldNameIsRewrittenAndWarnsOnce() {
    List<String> warnings = new ArrayList<>();
    String[] rewritten = DeprecatedOptions.rewrite(Map.of("old", "new", "quiet", "silent"),
        new String[] {"--old=a", "--quiet", "--other=x", "--old", "b", "--older=c"}, warnings::add);
    assertArrayEquals(new String[] {"--new=a", "--silent", "--other=x", "--new", "b", "--older=c"}, rewritten);
    assertEquals(List.of("warning: --old is deprecated; use --new", "warning: --quiet is deprecated; use --silent"), warnings);
  }
}
