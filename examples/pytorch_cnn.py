"""A small image classifier with several batch-normalization mistakes (NormLint's demo file)."""
from functools import partial

import torch
import torch.nn as nn
import torch.nn.functional as F

# Ported from a Keras model: the momentum kept Keras' convention.
norm_layer = partial(nn.BatchNorm2d, eps=1e-3, momentum=0.99)  # expect: BN301


class SmallCNN(nn.Module):
    def __init__(self, num_classes: int = 10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3, padding=1)  # expect: BN101
        self.bn1 = norm_layer(32)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(128)  # expect: BN401
        self.conv3 = nn.Conv2d(64, 128, kernel_size=3, padding=1, bias=False)
        self.bn3 = nn.BatchNorm1d(128)  # expect: BN402
        self.fc1 = nn.Linear(128 * 4 * 4, 256)  # expect: BN101
        self.bn4 = nn.BatchNorm1d(256, 0.9)  # expect: BN304
        self.fc2 = nn.Linear(256, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = F.max_pool2d(F.relu(self.bn3(self.conv3(x))), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.bn4(self.fc1(x)))
        return self.fc2(x)


def make_classifier_head(in_features: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(in_features, 512),  # expect: BN101
        nn.BatchNorm1d(512, epsilon=1e-5),  # expect: BN303
        nn.ReLU(inplace=True),
        nn.Linear(512, 10),
    )
