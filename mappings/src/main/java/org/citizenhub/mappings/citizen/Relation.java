package org.citizenhub.mappings.citizen;

/** Relation of a household member to the head of the household (quan hệ với chủ hộ). */
public enum Relation {
    HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING, OTHER
}
