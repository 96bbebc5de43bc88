package io.paddock.coordinator.schedule;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of units over an array it owns, so a {@link CandidateWork} step that
 * replaces one unit copies the array once (not once into a builder and again into an
 * immutable list).
 */
final class UnitList extends AbstractList<WorkUnit> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;
    static final UnitList EMPTY = new UnitList(new WorkUnit[0]);

    private final WorkUnit[] units;

    private UnitList(WorkUnit[] units) {
        this.units = units;
    }

    static UnitList copyOf(List<WorkUnit> list) {
        if (list instanceof UnitList u) {
            return u;
        }
        WorkUnit[] a = list.toArray(new WorkUnit[0]);
        for (WorkUnit u : a) {
            if (u == null) {
                throw new NullPointerException("a unit list holds no null");
            }
        }
        return new UnitList(a);
    }

    /** This list with unit {@code index} replaced (or appended when {@code index == size()}). */
    UnitList with(int index, WorkUnit unit) {
        WorkUnit[] a = java.util.Arrays.copyOf(units, Math.max(units.length, index + 1));
        a[index] = unit;
        return new UnitList(a);
    }

    @Override
    public WorkUnit get(int index) {
        return units[index];
    }

    @Override
    public int size() {
        return units.length;
    }
}
