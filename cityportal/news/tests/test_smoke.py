def test_reference_article_is_served(client, reference_article):
    response = client.get(reference_article.url)
    assert response.status_code == 200
    assert "Date Add in:" in response.content.decode()
