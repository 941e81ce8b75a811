import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()


def model_fn(images, labels, training):
    net = tf.layers.conv2d(images, 32, 3, use_bias=False)
    net = tf.layers.batch_normalization(net, training=training)
    net = tf.nn.relu(net)
    logits = tf.layers.dense(tf.layers.flatten(net), 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.train.MomentumOptimizer(0.01, 0.9)
    grads = optimizer.compute_gradients(loss)
    train_op = optimizer.apply_gradients(grads, global_step=tf.train.get_or_create_global_step())  # expect: BN207
    return train_op
