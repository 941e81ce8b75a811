import torch.nn as nn


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab, dim=64):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.bn = nn.BatchNorm1d(dim)
        self.fc = nn.Linear(dim, 2)

    def forward(self, tokens):
        pooled = self.emb(tokens).mean(dim=1)
        return self.fc(self.bn(pooled))
