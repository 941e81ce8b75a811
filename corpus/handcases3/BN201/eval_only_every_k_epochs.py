import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import mobilenet_v2


def run(train_loader, val_loader, epochs=20):
    model = mobilenet_v2(num_classes=5)
    optimizer = torch.optim.Adam(model.parameters(), 1e-3)
    for epoch in range(epochs):
        model.train()
        for images, labels in train_loader:
            optimizer.zero_grad()
            F.cross_entropy(model(images), labels).backward()
            optimizer.step()
        if epoch % 5 == 0:
            model.eval()
        val_loss = 0.0
        with torch.no_grad():
            for images, labels in val_loader:
                val_loss += F.cross_entropy(model(images), labels).item()  # expect: BN201
        print(epoch, val_loss)
