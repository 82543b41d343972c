package gov.austintexas.atd.standins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import gov.austintexas.atd.pipelines.Launcher;
import gov.austintexas.atd.transforms.knack.KnackClient;
import java.net.URISyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stand-ins (emulators, fixtures, the demo and the sandbox, H2 warehouses) ride in the same jar
 * as the pipelines, so that the demo runs from it; production code never depends on them.
 */
class StandInsApartTest {
  /**
   * The main classes of both modules, read from where they were loaded: nothing else on the class
   * path.
   */
  private static final JavaClasses MAIN_CLASSES =
      new ClassFileImporter()
          .importLocations(List.of(locationOf(Launcher.class), locationOf(KnackClient.class)));

  private static Location locationOf(Class<?> type) {
    try {
      return Location.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void productionPackagesNeverDependOnTheStandIns() {
    noClasses()
        .that()
        .resideInAnyPackage("gov.austintexas.atd.pipelines..", "gov.austintexas.atd.transforms..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("gov.austintexas.atd.standins..")
        .check(MAIN_CLASSES);
  }

  @Test
  void theRuleSeesBothSidesOfTheJar() {
    // An import that found nothing would pass the rule above without checking anything.
    assertTrue(MAIN_CLASSES.containPackage("gov.austintexas.atd.pipelines.s3toknack"));
    assertTrue(MAIN_CLASSES.containPackage("gov.austintexas.atd.transforms.knack"));
    assertTrue(MAIN_CLASSES.containPackage("gov.austintexas.atd.standins.knack"));
    assertTrue(MAIN_CLASSES.containPackage("gov.austintexas.atd.standins.demo"));
  }
}
