import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocab, dim=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.rnn = nn.LSTM(dim, dim, batch_first=True, bidirectional=False)
        self.norm = nn.BatchNorm1d(dim)  # expect: BN405
        self.out = nn.Linear(dim, 9)

    def forward(self, tokens):
        h, _ = self.rnn(self.emb(tokens))
        h = self.norm(h.transpose(1, 2)).transpose(1, 2)
        return self.out(h)
