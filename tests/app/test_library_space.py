"""Library.space_by_kind: the bytes of the files on this PC, by item kind (the Downloads view shows it)."""

from app.library import Library


def test_space_by_kind_sums_the_present_files_of_each_kind(sample_library: Library) -> None:
    expected: dict[str, dict[str, int]] = {}
    for summary in sample_library.list_items():
        for f in sample_library.get_item(summary.id).files:
            if f.present:
                expected.setdefault(summary.kind, {})[f.sha256] = f.size  # a shared file counts once per kind
    space = sample_library.space_by_kind()
    assert space == {kind: sum(files.values()) for kind, files in sorted(expected.items())}
    assert space["lesson"] > space["document"] > 0  # six videos outweigh five PDFs
    # an event shares its handout with a document: it counts for both kinds, once for the disk
    every_file = {sha: size for files in expected.values() for sha, size in files.items()}
    assert sum(every_file.values()) == sample_library.stats().media_bytes < sum(space.values())


def test_an_empty_library_uses_no_space(tmp_path) -> None:
    with Library.open(tmp_path / "empty") as lib:
        assert lib.space_by_kind() == {}
