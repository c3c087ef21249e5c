"""The numpy array types of the package: one alias per element type, written once.

For annotations only. numpy is imported here when a type checker reads the module, never
when the package runs (a bundled diff imports no numpy: tests/test_startup.py), so a
module imports these under ``TYPE_CHECKING``; every module has
``from __future__ import annotations``, so its annotations are never evaluated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, TypeAlias

    import numpy as np
    import numpy.typing as npt

    Float64Array: TypeAlias = npt.NDArray[np.float64]
    """Scores 0-1 and counts summed in floats: the similarity matrices."""
    Float32Array: TypeAlias = npt.NDArray[np.float32]
    """rapidfuzz scores 0-100 as ``process.cdist(..., dtype=np.float32)`` returns them."""
    Int64Array: TypeAlias = npt.NDArray[np.int64]
    """Positions, offsets and lengths."""
    Int32Array: TypeAlias = npt.NDArray[np.int32]
    """Compact positions kept in a stored index (owners, postings)."""
    UInt64Array: TypeAlias = npt.NDArray[np.uint64]
    """Hashes: a shingle set is a sorted array of distinct ones."""
    UInt32Array: TypeAlias = npt.NDArray[np.uint32]
    """Code points of a text (UTF-32)."""
    UInt8Array: TypeAlias = npt.NDArray[np.uint8]
    """Bytes: UTF-8 blobs and flags."""
    BoolArray: TypeAlias = npt.NDArray[np.bool_]
    """Masks."""
    StoredArray: TypeAlias = npt.NDArray[Any]
    """An array of a stored index (``similarity.columns``): its element type is known by
    its name only, as ``np.load`` reads it from the file."""
