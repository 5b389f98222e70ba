def test_site_tree_renders(client, site_tree):
    assert client.get("/").status_code == 200
    assert client.get("/pl/").status_code == 200
    r = client.get("/pl/o-ofercie/")
    assert r.status_code == 200, r.status_code
    assert b"O ofercie" in r.content
