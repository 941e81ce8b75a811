import torch
import torch.nn as nn


class TextClassifier(nn.Module):
    def __init__(self, vocab, dim=128, n_cls=4):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.drop = nn.Dropout(0.5)
        self.fc = nn.Linear(dim, n_cls)

    def forward(self, text, offsets):
        return self.fc(self.drop(self.emb(text, offsets)))


def train(model, loader, opt):
    model.train()
    for text, offsets, label in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(text, offsets), label).backward()
        opt.step()


def predict(model, text, offsets):
    with torch.no_grad():
        return model(text, offsets).argmax(1).item()  # expect: BN201


model = TextClassifier(20000)
opt = torch.optim.SGD(model.parameters(), lr=5.0)
train(model, [], opt)
print(predict(model, torch.tensor([1, 2, 3]), torch.tensor([0])))
