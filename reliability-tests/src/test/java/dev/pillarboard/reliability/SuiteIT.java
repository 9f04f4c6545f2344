package dev.pillarboard.reliability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.pillarboard.reliability.support.Suite;

/**
 * What a class of the suite starts from: the running world ({@link Suite}, started once for all classes) and a
 * platform admin's token, taken again for each class so that a long suite never runs on an expired one. A class's
 * own {@code @BeforeAll} runs after this one.
 */
@ExtendWith(Suite.class)
abstract class SuiteIT {

    static Suite.World world;
    static String admin;

    @BeforeAll
    static void worldAndAdmin() {
        world = Suite.world();
        admin = world.admin();
    }
}
