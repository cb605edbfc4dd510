package io.smmpulse.community;

/**
 * A set of member ids that only grows, by open addressing. Member ids are often decimal numbers
 * after a short prefix, whose {@code String.hashCode} varies little in its low bits: in a
 * {@code HashSet} a week's members crowd some buckets past eight entries, which turn into trees
 * (about half the speed of this set, docs/performance.md). Here the index comes from the top bits
 * of the hash times the golden ratio, which every bit of the hash moves, and each slot keeps its
 * member's hash, so a probe compares ints before strings.
 */
public final class MemberSet {
    private static final int GOLDEN = 0x9E3779B9;
    private static final int FIRST_CAPACITY_BITS = 4;

    private String[] members = new String[1 << FIRST_CAPACITY_BITS];
    private int[] hashes = new int[1 << FIRST_CAPACITY_BITS];
    private int shift = Integer.SIZE - FIRST_CAPACITY_BITS;
    private int size;

    public int size() {
        return size;
    }

    public boolean contains(String member) {
        return members[slotOf(member, member.hashCode())] != null;
    }

    /** @return whether {@code member} was not in the set before */
    public boolean add(String member) {
        int hash = member.hashCode();
        int i = slotOf(member, hash);
        if (members[i] != null) {
            return false;
        }
        members[i] = member;
        hashes[i] = hash;
        if (++size * 2 > members.length) {
            grow();
        }
        return true;
    }

    /** The slot that holds {@code member}, or the empty slot where it would go. */
    private int slotOf(String member, int hash) {
        int mask = members.length - 1;
        int i = (hash * GOLDEN) >>> shift;
        while (members[i] != null && (hashes[i] != hash || !members[i].equals(member))) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        String[] oldMembers = members;
        int[] oldHashes = hashes;
        members = new String[oldMembers.length * 2];
        hashes = new int[oldMembers.length * 2];
        shift--;
        int mask = members.length - 1;
        for (int j = 0; j < oldMembers.length; j++) {
            if (oldMembers[j] != null) {
                int i = (oldHashes[j] * GOLDEN) >>> shift;
                while (members[i] != null) {
                    i = (i + 1) & mask;
                }
                members[i] = oldMembers[j];
                hashes[i] = oldHashes[j];
            }
        }
    }
}
