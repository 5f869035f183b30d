"""Cassandra 5 vector search: vector columns, SAI, ANN ordering and similarity functions."""
import pytest


def test_vector_ann_and_similarity(session):
    session.execute("CREATE TABLE items (id int PRIMARY KEY, category text, embedding vector<float, 3>)")
    session.execute("CREATE INDEX items_ann ON items (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'cosine'}")
    session.execute("CREATE INDEX items_category ON items (category) USING 'StorageAttachedIndex'")
    insert = session.prepare("INSERT INTO items (id, category, embedding) VALUES (?, ?, ?)")
    session.execute(insert, (1, "a", [1.0, 0.0, 0.0]))
    session.execute(insert, (2, "b", [0.0, 1.0, 0.0]))
    session.execute(insert, (3, "a", [0.9, 0.1, 0.0]))
    rows = list(session.execute("SELECT id, similarity_cosine(embedding, [1.0, 0.0, 0.0]) AS score FROM items ORDER BY embedding ANN OF [1.0, 0.0, 0.0] LIMIT 2"))
    assert [row.id for row in rows] == [1, 3]
    assert rows[0].score == pytest.approx(1.0)
    filtered = list(session.execute("SELECT id FROM items WHERE category = 'b' ORDER BY embedding ANN OF [1.0, 0.0, 0.0] LIMIT 5"))
    assert [row.id for row in filtered] == [2]
    vector = session.execute("SELECT embedding FROM items WHERE id = 3").one().embedding
    assert vector == pytest.approx([0.9, 0.1, 0.0])
