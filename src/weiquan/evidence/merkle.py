"""The RFC 6962 Merkle tree over custody log entries: incremental root and inclusion proofs.

The log head keeps the tree's frontier (the roots of its perfect subtrees, largest first),
so appending an entry and computing the new root costs O(log n). Proofs for an export are
built from all leaf hashes, level by level; an unpaired last node moves up unchanged, which
gives exactly RFC 6962's tree.
"""

from __future__ import annotations

from weiquan.evidence.verifier import node_hash, sha256_hex

Frontier = list[list[object]]  # [[height, hex], ...] in JSON


def append(frontier: Frontier, leaf: str) -> Frontier:
    """The frontier after appending one leaf hash."""
    out = [list(x) for x in frontier] + [[0, leaf]]
    while len(out) >= 2 and out[-1][0] == out[-2][0]:
        right = out.pop()
        left = out.pop()
        out.append([int(left[0]) + 1, node_hash(str(left[1]), str(right[1]))])  # type: ignore[call-overload]
    return out


def root(frontier: Frontier) -> str:
    """The tree hash of the whole log from its frontier."""
    if not frontier:
        return sha256_hex(b"")
    acc = str(frontier[-1][1])
    for _, subtree in reversed(frontier[:-1]):
        acc = node_hash(str(subtree), acc)
    return acc


def levels(leaves: list[str]) -> list[list[str]]:
    """Every level of the tree, leaves first, root last."""
    out = [list(leaves)]
    while len(out[-1]) > 1:
        below = out[-1]
        above = [node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
        if len(below) % 2:
            above.append(below[-1])
        out.append(above)
    return out


def inclusion_proof(tree: list[list[str]], index: int) -> list[str]:
    """The audit path of leaf `index` (0-based) in the tree given by levels()."""
    proof = []
    for level in tree[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            proof.append(level[sibling])
        index //= 2
    return proof
